package org.openchance.store.security;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Appends to the audit log ({@code audit_entry}); rows are never changed or removed. */
public final class AuditLog {

    /** One entry; {@code detailJson} is a JSON object or null. */
    public record Entry(
            UUID actorId,
            UUID apiKeyId,
            String address,
            String operation,
            String recordType,
            UUID recordId,
            String outcome,
            String detailJson) {}

    private final JdbcTemplate jdbc;

    public AuditLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void append(Entry e) {
        jdbc.update(
                "insert into audit_entry (actor_id, api_key_id, address, operation, record_type, record_id, outcome,"
                        + " detail) values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))",
                e.actorId(),
                e.apiKeyId(),
                e.address(),
                e.operation(),
                e.recordType(),
                e.recordId(),
                e.outcome(),
                e.detailJson());
    }

    /** How many entries of this operation and outcome there are for the actor (tests, checks). */
    public long count(String operation, String outcome) {
        Long n = jdbc.queryForObject(
                "select count(*) from audit_entry where operation = ? and outcome = ?", Long.class, operation, outcome);
        return n == null ? 0 : n;
    }
}

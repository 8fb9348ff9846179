package org.openchance.store.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.page.FilteredList;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit log ({@code audit_entry}): appended to, listed newest first; rows are never changed or removed. */
public final class AuditLog extends FilteredList<AuditLog.Filter> {

    /** Newest first. */
    public static final List<SortKey> NEWEST_FIRST =
            List.of(new SortKey("at", SortKey.ValueType.TIMESTAMP, true), SortKey.id(true));

    /** One entry to append; {@code detailJson} is a JSON object or null. */
    public record Entry(
            UUID actorId,
            UUID apiKeyId,
            String address,
            String operation,
            String recordType,
            UUID recordId,
            String outcome,
            String detailJson) {}

    /** A stored entry. */
    public record Row(
            UUID id,
            Instant at,
            UUID actorId,
            UUID apiKeyId,
            String address,
            String operation,
            String recordType,
            UUID recordId,
            String outcome,
            String detailJson) {}

    /** Which entries a list shows; null means "any". */
    public record Filter(
            UUID actorId, String operation, UUID recordId, String outcome, OffsetDateTime from, OffsetDateTime to) {}

    private final JdbcTemplate jdbc;

    public AuditLog(KeysetQuery query, DataSource dataSource) {
        super(query, "audit_entry");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void append(Entry e) {
        jdbc.update(
                "insert into audit_entry (id, actor_id, api_key_id, address, operation, record_type, record_id,"
                        + " outcome, detail) values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))",
                UUID.randomUUID(),
                e.actorId(),
                e.apiKeyId(),
                e.address(),
                e.operation(),
                e.recordType(),
                e.recordId(),
                e.outcome(),
                e.detailJson());
    }

    /** The entries with these ids, in no particular order. */
    public List<Row> rows(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "select * from audit_entry where id = any(?)", (rs, i) -> row(rs), (Object) ids.toArray(UUID[]::new));
    }

    @Override
    protected Where where(Filter f) {
        return new Where()
                .and("actor_id = :actor", "actor", f.actorId())
                .and("operation = :operation", "operation", f.operation())
                .and("record_id = :record", "record", f.recordId())
                .and("outcome = :outcome", "outcome", f.outcome())
                .and("at >= :from", "from", f.from())
                .and("at < :to", "to", f.to());
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("at").toInstant(),
                rs.getObject("actor_id", UUID.class),
                rs.getObject("api_key_id", UUID.class),
                rs.getString("address"),
                rs.getString("operation"),
                rs.getString("record_type"),
                rs.getObject("record_id", UUID.class),
                rs.getString("outcome"),
                rs.getString("detail"));
    }
}

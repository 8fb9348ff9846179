package org.openchance.store.history;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.opportunity.HistoryRow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first page of many records' histories in one statement (and their counts in one more): what a list of 100
 * opportunities or accounts with their history asks for, instead of two statements per record. Oldest first, as a
 * history reads; an index scan with a limit per record ({@code (opportunity_id, id)}, {@code (record_id, id)}).
 */
public final class HistoryFirstPages {

    private final JdbcTemplate jdbc;

    public HistoryFirstPages(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Each opportunity's first {@code limit} changes, leaving out the fields in {@code hidden}. */
    public Map<UUID, List<HistoryRow>> opportunities(Collection<UUID> ids, List<String> hidden, int limit) {
        Map<UUID, List<HistoryRow>> pages = new HashMap<>();
        jdbc.query(
                "select h.* from unnest(?::uuid[]) as p(parent_key) cross join lateral (select * from"
                        + " opportunity_history where opportunity_id = p.parent_key and field <> all(?::text[])"
                        + " order by id limit ?) h order by h.opportunity_id, h.id",
                rs -> {
                    HistoryRow row = new HistoryRow(
                            rs.getLong("id"),
                            rs.getObject("opportunity_id", UUID.class),
                            rs.getString("field"),
                            rs.getString("old_value"),
                            rs.getString("new_value"),
                            rs.getTimestamp("changed_at").toInstant(),
                            rs.getObject("changed_by", UUID.class));
                    pages.computeIfAbsent(row.opportunityId(), id -> new ArrayList<>())
                            .add(row);
                },
                ids.toArray(UUID[]::new),
                hidden.toArray(String[]::new),
                limit);
        return pages;
    }

    /** How many changes each opportunity has, leaving out the fields in {@code hidden}; none: left out. */
    public Map<UUID, Long> opportunityCounts(Collection<UUID> ids, List<String> hidden) {
        return counts(
                "select opportunity_id, count(*) from opportunity_history where opportunity_id = any(?::uuid[])"
                        + " and field <> all(?::text[]) group by opportunity_id",
                ids.toArray(UUID[]::new),
                hidden.toArray(String[]::new));
    }

    /** Each account's, contact's, lead's or task's first {@code limit} changes. */
    public Map<UUID, List<RecordHistoryRow>> records(Collection<UUID> ids, int limit) {
        Map<UUID, List<RecordHistoryRow>> pages = new HashMap<>();
        jdbc.query(
                "select h.* from unnest(?::uuid[]) as p(parent_key) cross join lateral (select * from"
                        + " record_history where record_id = p.parent_key order by id limit ?) h"
                        + " order by h.record_id, h.id",
                rs -> {
                    RecordHistoryRow row = new RecordHistoryRow(
                            rs.getLong("id"),
                            rs.getString("record_type"),
                            rs.getObject("record_id", UUID.class),
                            rs.getString("field"),
                            rs.getString("old_value"),
                            rs.getString("new_value"),
                            rs.getTimestamp("changed_at").toInstant(),
                            rs.getObject("changed_by", UUID.class));
                    pages.computeIfAbsent(row.recordId(), id -> new ArrayList<>())
                            .add(row);
                },
                ids.toArray(UUID[]::new),
                limit);
        return pages;
    }

    /** How many changes each record has; none: left out. */
    public Map<UUID, Long> recordCounts(Collection<UUID> ids) {
        return counts(
                "select record_id, count(*) from record_history where record_id = any(?::uuid[]) group by record_id",
                (Object) ids.toArray(UUID[]::new)); // one argument, not spread as the varargs
    }

    private Map<UUID, Long> counts(String sql, Object... args) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.query(
                sql,
                (ResultSet rs) -> {
                    counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                },
                args);
        return counts;
    }
}

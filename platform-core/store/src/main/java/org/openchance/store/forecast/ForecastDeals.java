package org.openchance.store.forecast;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.openchance.store.opportunity.OpportunityStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What forecasts read: every opportunity a viewer may see (by today's owner and team), with the changes of the fields
 * a forecast model reads, in two statements streamed into memory (about 60 bytes a change, 300 a deal).
 */
public final class ForecastDeals {

    /** The tracked fields a forecast reads at a past moment; stage alone for today's forecast. */
    public static final List<String> AS_OF_FIELDS =
            List.of("stage", "amount", "probability", "expectedCloseDate", "owner", "status", "forecastCategory");

    public static final List<String> STAGES_ONLY = List.of("stage");

    private final NamedParameterJdbcTemplate jdbc;

    public ForecastDeals(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /**
     * What tells whether any deal changed: the number of live deals, the sum of all deals' versions (every change of
     * a deal raises its version, deleting and restoring too), the newest history row and change. Equal watermarks,
     * equal deals.
     */
    public record Watermark(long liveDeals, long versions, long lastHistoryId, Instant lastUpdate) {}

    public Watermark watermark() {
        return jdbc.queryForObject(
                """
                select count(*) filter (where deleted_at is null), coalesce(sum(version), 0), max(updated_at),
                       (select coalesce(max(id), 0) from opportunity_history)
                from opportunity""",
                Map.of(),
                (rs, n) -> new Watermark(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(4),
                        rs.getTimestamp(3) == null
                                ? Instant.EPOCH
                                : rs.getTimestamp(3).toInstant()));
    }

    /**
     * The deals the viewer may see that existed at some moment after {@code since} (deleted ones too, while they
     * existed), with the changes of {@code fields}.
     */
    public List<DealTimeline> load(Viewer viewer, Instant since, Collection<String> fields) {
        Map<String, Object> params = new HashMap<>();
        params.put("since", Timestamp.from(since));
        String where = "(o.deleted_at is null or o.deleted_at >= :since) and "
                + OpportunityAccess.readable(viewer, "o", params);
        return load(where, params, fields);
    }

    /**
     * Every deal (deleted ones too) changed after {@code updatedAfter} or with a history row after {@code
     * historyIdAfter}, with the changes of {@code fields}: what refreshes a kept copy of {@link #load}.
     */
    public List<DealTimeline> changedSince(Instant updatedAfter, long historyIdAfter, Collection<String> fields) {
        Map<String, Object> params = new HashMap<>();
        params.put("updatedAfter", Timestamp.from(updatedAfter));
        params.put("historyIdAfter", historyIdAfter);
        return load(
                "(o.updated_at > :updatedAfter or o.id in (select h.opportunity_id from opportunity_history h"
                        + " where h.id > :historyIdAfter))",
                params,
                fields);
    }

    /** The ids of the live deals the viewer may see, by the visibility rule. */
    public Set<UUID> visibleIds(Viewer viewer) {
        Map<String, Object> params = new HashMap<>();
        Set<UUID> ids = new HashSet<>();
        jdbc.query(
                "select o.id from opportunity o where o.deleted_at is null and "
                        + OpportunityAccess.readable(viewer, "o", params),
                params,
                (ResultSet rs) -> {
                    ids.add(rs.getObject(1, UUID.class));
                });
        return ids;
    }

    /** A change as read, with its row id: changes of one time are ordered by it. */
    private record Read(long id, DealTimeline.Change change) {}

    private List<DealTimeline> load(String where, Map<String, Object> params, Collection<String> fields) {
        Map<UUID, Map<String, List<Read>>> read = new HashMap<>();
        Map<String, String> values = new HashMap<>(); // stage ids and the like repeat: one string each
        params.put("fields", List.copyOf(fields));
        // unsorted: sorting 300,000 rows spilled to disk in PostgreSQL; each deal's few changes sort below instead
        jdbc.query("""
                select h.opportunity_id, h.field, h.old_value, h.new_value, h.changed_at, h.id
                from opportunity_history h join opportunity o on o.id = h.opportunity_id
                where h.field in (:fields) and %s""".formatted(where), params, (ResultSet rs) -> {
            read.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                    .computeIfAbsent(rs.getString(2), f -> new ArrayList<>())
                    .add(new Read(
                            rs.getLong(6),
                            new DealTimeline.Change(
                                    rs.getTimestamp(5).toInstant(),
                                    shared(values, rs.getString(3)),
                                    shared(values, rs.getString(4)))));
        });
        Map<UUID, DealTimeline> deals = new HashMap<>();
        jdbc.query("""
                select o.id, o.name, o.account_id, o.pipeline_id, o.created_at, o.deleted_at, o.stage_id, o.amount,
                       o.amount_currency, o.probability, o.expected_close_date, o.owner_id, o.status,
                       o.forecast_category, o.closed_at
                from opportunity o
                where %s""".formatted(where), params, (ResultSet rs) -> {
            UUID id = rs.getObject("id", UUID.class);
            deals.put(id, deal(rs, sorted(read.getOrDefault(id, Map.of()))));
        });
        List<DealTimeline> list = new ArrayList<>(deals.values());
        list.sort(Comparator.comparing(DealTimeline::id)); // a stable order: seeded models answer alike
        return list;
    }

    private static Map<String, List<DealTimeline.Change>> sorted(Map<String, List<Read>> byField) {
        Map<String, List<DealTimeline.Change>> sorted = new HashMap<>();
        byField.forEach((field, list) -> {
            list.sort(Comparator.comparing((Read r) -> r.change().at()).thenComparingLong(Read::id));
            sorted.put(field, list.stream().map(Read::change).toList());
        });
        return sorted;
    }

    private static String shared(Map<String, String> values, String value) {
        return value == null || value.length() > 64 ? value : values.computeIfAbsent(value, v -> v);
    }

    private static DealTimeline deal(ResultSet rs, Map<String, List<DealTimeline.Change>> changes) throws SQLException {
        Timestamp deleted = rs.getTimestamp("deleted_at");
        String currency = rs.getString("amount_currency");
        return new DealTimeline(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("account_id", UUID.class),
                rs.getObject("pipeline_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                deleted == null ? null : deleted.toInstant(),
                new DealTimeline.State(
                        rs.getObject("stage_id", UUID.class),
                        rs.getBigDecimal("amount"),
                        currency == null ? null : currency.trim(),
                        rs.getInt("probability"),
                        rs.getObject("expected_close_date", LocalDate.class),
                        rs.getObject("owner_id", UUID.class),
                        OpportunityStatus.valueOf(rs.getString("status")),
                        rs.getString("forecast_category"),
                        rs.getObject("closed_at", LocalDate.class)),
                changes);
    }
}

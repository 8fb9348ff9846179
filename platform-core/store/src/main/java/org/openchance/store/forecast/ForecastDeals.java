package org.openchance.store.forecast;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The deals the viewer may see that existed at some moment after {@code since} (deleted ones too, while they
     * existed), with the changes of {@code fields}.
     */
    public List<DealTimeline> load(Viewer viewer, Instant since, Collection<String> fields) {
        Map<String, Object> params = new HashMap<>();
        params.put("since", Timestamp.from(since));
        String readable = OpportunityAccess.readable(viewer, "o", params);
        Map<UUID, Map<String, List<DealTimeline.Change>>> changes = new HashMap<>();
        params.put("fields", List.copyOf(fields));
        jdbc.query("""
                select h.opportunity_id, h.field, h.old_value, h.new_value, h.changed_at
                from opportunity_history h join opportunity o on o.id = h.opportunity_id
                where h.field in (:fields) and (o.deleted_at is null or o.deleted_at >= :since) and %s
                order by h.opportunity_id, h.changed_at, h.id""".formatted(readable), params, (ResultSet rs) -> {
            changes.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                    .computeIfAbsent(rs.getString(2), f -> new ArrayList<>())
                    .add(new DealTimeline.Change(rs.getTimestamp(5).toInstant(), rs.getString(3), rs.getString(4)));
        });
        Map<UUID, DealTimeline> deals = new LinkedHashMap<>();
        jdbc.query("""
                select o.id, o.name, o.account_id, o.pipeline_id, o.created_at, o.deleted_at, o.stage_id, o.amount,
                       o.amount_currency, o.probability, o.expected_close_date, o.owner_id, o.status,
                       o.forecast_category, o.closed_at
                from opportunity o
                where (o.deleted_at is null or o.deleted_at >= :since) and %s
                order by o.id""".formatted(readable), params, (ResultSet rs) -> {
            UUID id = rs.getObject("id", UUID.class);
            deals.put(id, deal(rs, changes.getOrDefault(id, Map.of())));
        });
        return new ArrayList<>(deals.values());
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

package org.openchance.store.forecast;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Recorded forecasts: written once, never changed (the table's rules ignore updates and deletes). */
public final class ForecastSnapshots {

    /**
     * One recorded row: a model's figures for a period, for every deal ({@code ownerId} null) or an owner's row.
     *
     * @param takenBy null when the weekly job took it
     */
    public record Snapshot(
            UUID id,
            Instant takenAt,
            LocalDate asOf,
            String model,
            String reason,
            UUID takenBy,
            LocalDate periodStart,
            LocalDate periodEnd,
            UUID ownerId,
            String currency,
            BigDecimal closedWon,
            BigDecimal commit,
            BigDecimal bestCase,
            BigDecimal pipeline,
            BigDecimal weighted,
            BigDecimal expected,
            BigDecimal p10,
            BigDecimal p50,
            BigDecimal p90,
            BigDecimal quota,
            String unavailable) {}

    private final NamedParameterJdbcTemplate jdbc;

    public ForecastSnapshots(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** Claims the week's snapshot of a model: true for the one caller (of any server) whose claim is first. */
    public boolean claimWeek(String model, LocalDate weekStart) {
        return jdbc.update(
                        "insert into forecast_snapshot_week (model, week_start) values (:model, :week)"
                                + " on conflict do nothing",
                        Map.of("model", model, "week", weekStart))
                == 1;
    }

    public void insert(List<Snapshot> rows) {
        jdbc.batchUpdate(
                """
                insert into forecast_snapshot (id, taken_at, as_of, model, reason, taken_by, period_start, period_end,
                    owner_id, currency, closed_won, commit, best_case, pipeline, weighted, expected, p10, p50, p90, quota,
                    unavailable)
                values (:id, :takenAt, :asOf, :model, :reason, :takenBy, :periodStart, :periodEnd, :ownerId, :currency,
                    :closedWon, :commit, :bestCase, :pipeline, :weighted, :expected, :p10, :p50, :p90, :quota,
                    :unavailable)""",
                rows.stream()
                        .map(r -> {
                            MapSqlParameterSource p = new MapSqlParameterSource();
                            p.addValue("id", r.id());
                            p.addValue("takenAt", java.sql.Timestamp.from(r.takenAt()));
                            p.addValue("asOf", r.asOf());
                            p.addValue("model", r.model());
                            p.addValue("reason", r.reason());
                            p.addValue("takenBy", r.takenBy());
                            p.addValue("periodStart", r.periodStart());
                            p.addValue("periodEnd", r.periodEnd());
                            p.addValue("ownerId", r.ownerId());
                            p.addValue("currency", r.currency());
                            p.addValue("closedWon", r.closedWon());
                            p.addValue("commit", r.commit());
                            p.addValue("bestCase", r.bestCase());
                            p.addValue("pipeline", r.pipeline());
                            p.addValue("weighted", r.weighted());
                            p.addValue("expected", r.expected());
                            p.addValue("p10", r.p10());
                            p.addValue("p50", r.p50());
                            p.addValue("p90", r.p90());
                            p.addValue("quota", r.quota());
                            p.addValue("unavailable", r.unavailable());
                            return p;
                        })
                        .toArray(MapSqlParameterSource[]::new));
    }

    /**
     * The rows recorded for the period (of one model, or all when null) on days from/to (either may be null), newest
     * first, every deal's row before the owners' of the same moment; at most {@code limit}. {@code owners}: only the
     * rows of these owners (not the every-deal rows); null: every row.
     */
    public List<Snapshot> find(
            String model,
            LocalDate periodStart,
            LocalDate periodEnd,
            LocalDate from,
            LocalDate to,
            Collection<UUID> owners,
            int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("start", periodStart);
        params.put("end", periodEnd);
        params.put("model", model);
        params.put("from", from);
        params.put("to", to);
        params.put("limit", limit);
        String whose = "";
        if (owners != null) {
            if (owners.isEmpty()) {
                return List.of();
            }
            params.put("owners", List.copyOf(owners));
            whose = " and owner_id in (:owners)";
        }
        return jdbc.query("""
                select * from forecast_snapshot
                where period_start = :start and period_end = :end
                  and (cast(:model as text) is null or model = :model)
                  and (cast(:from as date) is null or as_of >= :from)
                  and (cast(:to as date) is null or as_of <= :to)%s
                order by taken_at desc, model, owner_id nulls first
                limit :limit""".formatted(whose), params, (rs, n) -> snapshot(rs));
    }

    private static Snapshot snapshot(ResultSet rs) throws SQLException {
        return new Snapshot(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("taken_at").toInstant(),
                rs.getObject("as_of", LocalDate.class),
                rs.getString("model"),
                rs.getString("reason"),
                rs.getObject("taken_by", UUID.class),
                rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class),
                rs.getObject("owner_id", UUID.class),
                rs.getString("currency"),
                rs.getBigDecimal("closed_won"),
                rs.getBigDecimal("commit"),
                rs.getBigDecimal("best_case"),
                rs.getBigDecimal("pipeline"),
                rs.getBigDecimal("weighted"),
                rs.getBigDecimal("expected"),
                rs.getBigDecimal("p10"),
                rs.getBigDecimal("p50"),
                rs.getBigDecimal("p90"),
                rs.getBigDecimal("quota"),
                rs.getString("unavailable"));
    }
}

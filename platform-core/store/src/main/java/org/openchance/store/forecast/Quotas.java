package org.openchance.store.forecast;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Sales quotas per person and period, and managers' forecast adjustments kept beside the computed figures. */
public final class Quotas {

    public record Quota(
            UUID id,
            UUID userId,
            LocalDate periodStart,
            LocalDate periodEnd,
            BigDecimal amount,
            String currency,
            Instant setAt,
            UUID setBy) {}

    public record Adjustment(
            UUID id,
            UUID userId,
            LocalDate periodStart,
            LocalDate periodEnd,
            BigDecimal amount,
            String currency,
            String note,
            Instant adjustedAt,
            UUID adjustedBy) {}

    private final NamedParameterJdbcTemplate jdbc;

    public Quotas(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** Sets a person's quota for a period (replacing one set before); null amount removes it. The stored quota. */
    public Quota set(UUID userId, LocalDate start, LocalDate end, BigDecimal amount, String currency, UUID setBy) {
        Map<String, Object> params = new HashMap<>();
        params.put("user", userId);
        params.put("start", start);
        params.put("end", end);
        params.put("amount", amount);
        params.put("currency", currency);
        params.put("setBy", setBy);
        if (amount == null) {
            jdbc.update(
                    "delete from quota where user_id = :user and period_start = :start and period_end = :end", params);
            return null;
        }
        return jdbc.queryForObject("""
                insert into quota (user_id, period_start, period_end, amount, currency, set_by)
                values (:user, :start, :end, :amount, :currency, :setBy)
                on conflict (user_id, period_start, period_end) do update
                    set amount = excluded.amount, currency = excluded.currency, set_at = now(),
                        set_by = excluded.set_by
                returning *""", params, (rs, n) -> quota(rs));
    }

    /** The quotas of these people (all, when null) for periods overlapping the days from/to, by period then person. */
    public List<Quota> between(Collection<UUID> userIds, LocalDate from, LocalDate to) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", from);
        params.put("to", to);
        String who = "";
        if (userIds != null) {
            if (userIds.isEmpty()) {
                return List.of();
            }
            params.put("users", List.copyOf(userIds));
            who = " and user_id in (:users)";
        }
        return jdbc.query(
                "select * from quota where period_end >= :from and period_start <= :to" + who
                        + " order by period_start, period_end, user_id",
                params,
                (rs, n) -> quota(rs));
    }

    /** Records an adjustment; earlier ones stay (the newest per person and period applies). */
    public Adjustment adjust(
            UUID userId,
            LocalDate start,
            LocalDate end,
            BigDecimal amount,
            String currency,
            String note,
            UUID adjustedBy) {
        Map<String, Object> params = new HashMap<>();
        params.put("user", userId);
        params.put("start", start);
        params.put("end", end);
        params.put("amount", amount);
        params.put("currency", currency);
        params.put("note", note);
        params.put("by", adjustedBy);
        return jdbc.queryForObject("""
                insert into forecast_adjustment (user_id, period_start, period_end, amount, currency, note, adjusted_by)
                values (:user, :start, :end, :amount, :currency, :note, :by)
                returning *""", params, (rs, n) -> adjustment(rs));
    }

    /** The newest adjustment per person and period for periods within from/to. */
    public List<Adjustment> latestAdjustments(LocalDate from, LocalDate to) {
        return jdbc.query("""
                select distinct on (user_id, period_start, period_end) *
                from forecast_adjustment where period_start >= :from and period_end <= :to
                order by user_id, period_start, period_end, adjusted_at desc, id""", Map.of("from", from, "to", to), (rs, n) -> adjustment(rs));
    }

    private static Quota quota(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Quota(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class),
                rs.getBigDecimal("amount"),
                rs.getString("currency"),
                instant(rs.getTimestamp("set_at")),
                rs.getObject("set_by", UUID.class));
    }

    private static Adjustment adjustment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Adjustment(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class),
                rs.getBigDecimal("amount"),
                rs.getString("currency"),
                rs.getString("note"),
                instant(rs.getTimestamp("adjusted_at")),
                rs.getObject("adjusted_by", UUID.class));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

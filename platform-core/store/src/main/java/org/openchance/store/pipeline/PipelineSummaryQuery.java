package org.openchance.store.pipeline;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.openchance.store.opportunity.OpportunityAsOf;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A pipeline's opportunities per stage and currency in one statement, converted into a target currency in numeric
 * (exact to 12 decimals; the caller adds the currencies up and rounds once). The rate of an opportunity is the one
 * valid on its rate day: the close date of a closed opportunity, {@code today} for an open one (what its amount is
 * worth now). Amounts are first summed per stage, currency and day, rates looked up once per currency and day (all open
 * deals share one; none for amounts already in the target), each day's sum converted, then summed per currency.
 */
public final class PipelineSummaryQuery {

    /**
     * One stage's opportunities in one currency ({@code currency} and the sums null for those without an amount; an
     * empty stage is one such row of count 0). {@code amount}: their sum as it is; {@code converted} and
     * {@code weightedAmount} (amount x probability / 100): in the target, of those with the rates needed;
     * {@code notConverted}: the sum of the others (no rate valid on their day), in the currency itself. The rate days
     * are when the earliest and latest rate used became valid (null: none needed).
     */
    public record Group(
            UUID stageId,
            String currency,
            long count,
            BigDecimal amount,
            BigDecimal converted,
            BigDecimal weightedAmount,
            long notConvertedCount,
            BigDecimal notConverted,
            LocalDate earliestRate,
            LocalDate latestRate) {}

    /**
     * Whether a group's amounts can be converted: already in the target, or with a rate for its currency (the base
     * needs none) and one for the target (ditto).
     */
    private static final String CONVERTIBLE =
            "(g.currency = cast(:target as text) or ((g.currency = cast(:base as text)"
                    + " or d.rate is not null) and (cast(:target as text) = cast(:base as text) or d.target_rate is not null)))";

    /**
     * A group's sum in the target: / its rate x the target's, to 12 decimals (the dividend widened first, so that
     * PostgreSQL divides to at least 16); as it is when already in the target.
     */
    private static String converted(String sum) {
        return ("case when g.currency = cast(:target as text) then %1$s else round(%1$s * 1.000000000000"
                        + " / coalesce(d.rate, 1) * coalesce(d.target_rate, 1), 12) end")
                .formatted(sum);
    }

    private final NamedParameterJdbcTemplate jdbc;

    public PipelineSummaryQuery(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /**
     * Every live stage of the pipeline appears at least once (an empty one as a group of count 0, currency null).
     *
     * @param from   close date from (closed: their close date; open: their expected close date), inclusive, or null
     * @param owners only these owners, or null/empty for all
     * @param base   the currency rates are quoted against
     * @param target the currency to convert into (its rate on each group's day comes along)
     * @param asOf   null: today's pipeline; else the pipeline as it stood then ({@link OpportunityAsOf}), converted
     *     with the rates of {@code today}, which the caller sets to that day
     */
    public List<Group> summarize(
            Viewer viewer,
            UUID pipeline,
            LocalDate from,
            LocalDate to,
            List<UUID> owners,
            String base,
            String target,
            LocalDate today,
            Instant asOf) {
        Map<String, Object> params = new HashMap<>();
        params.put("pipeline", pipeline);
        params.put("base", base);
        params.put("target", target);
        params.put("today", today);
        // As of a moment: the rebuilt table of then, every amount at the rate of that day (today = the as-of day).
        String source = asOf == null ? "opportunity" : OpportunityAsOf.rebuilt();
        String alias = asOf == null ? "opportunity" : "as_of";
        if (asOf != null) {
            params.put("asOf", Timestamp.from(asOf));
        }
        StringBuilder matched = new StringBuilder("pipeline_id = :pipeline and deleted_at is null");
        if (from != null) {
            matched.append(" and coalesce(closed_at, expected_close_date) >= :from");
            params.put("from", from);
        }
        if (to != null) {
            matched.append(" and coalesce(closed_at, expected_close_date) <= :to");
            params.put("to", to);
        }
        if (owners != null && !owners.isEmpty()) {
            matched.append(" and owner_id in (:owners)");
            params.put("owners", owners);
        }
        // Totals never include what the viewer may not see.
        matched.append(" and ").append(OpportunityAccess.readable(viewer, alias, params));
        // The rate of each currency and day that needs one (not per stage, not for the base): the day and the rates in
        // its span sorted together, the latest rate carried forward to each day (a sort instead of an index probe per
        // day). The target's rate, when it is not the base, by a lookup per day (a generic plan would run a lookup it
        // then throws away for the base).
        String targetRates = target.equals(base)
                ? "left join lateral (select cast(null as numeric) as rate, cast(null as date) as valid_from) t on true"
                : """
                  left join lateral (select rate, valid_from from exchange_rate x
                                     where x.base = :base and x.currency = :target and x.valid_from <= c.day
                                     order by x.valid_from desc limit 1) t on true""";
        // Amounts already in the target need no rate: one group per stage for them, whatever their days.
        String rateDay = "case when amount_currency = cast(:target as text) then null else "
                + (asOf == null ? "coalesce(closed_at, cast(:today as date))" : "cast(:today as date)") + " end";
        String sql = """
                with grouped as (
                    select stage_id, amount_currency as currency, %1$s as rate_day,
                           count(*) as count, sum(amount) as amount, sum(amount * probability) * 0.01 as weighted
                    from %2$s where %3$s
                    group by 1, 2, 3),
                need as (
                    select distinct currency, rate_day from grouped
                    where currency is not null and currency <> cast(:target as text)),
                span as (
                    select n.currency, max(n.rate_day) as hi,
                           (select max(y.valid_from) from exchange_rate y where y.base = :base
                            and y.currency = n.currency and y.valid_from <= min(n.rate_day)) as lo
                    from need n where n.currency <> cast(:base as text) group by n.currency),
                rates as (
                    select x.currency, x.valid_from, x.rate from exchange_rate x join span on x.currency = span.currency
                    where x.base = :base and x.valid_from <= span.hi and x.valid_from >= coalesce(span.lo, x.valid_from)),
                carried as (
                    select currency, day, is_rate, max(valid_from) over (partition by currency order by day,
                           is_rate desc rows unbounded preceding) as rate_from
                    from (select currency, rate_day as day, false as is_rate, cast(null as date) as valid_from from need
                          union all select currency, valid_from, true, valid_from from rates) points),
                days as (
                    select c.currency, c.day as rate_day, r.rate, c.rate_from, t.rate as target_rate,
                           t.valid_from as target_rate_from
                    from carried c
                    left join rates r on r.currency = c.currency and r.valid_from = c.rate_from
                    %4$s
                    where not c.is_rate)
                select s.id as stage_id, g.currency, coalesce(sum(g.count), 0) as count, sum(g.amount) as amount,
                       sum(%6$s) filter (where %5$s) as converted,
                       sum(%7$s) filter (where %5$s) as weighted,
                       coalesce(sum(g.count) filter (where not %5$s), 0) as not_converted_count,
                       sum(g.amount) filter (where not %5$s) as not_converted,
                       least(min(d.rate_from) filter (where %5$s), min(d.target_rate_from) filter (where %5$s))
                           as earliest_rate,
                       greatest(max(d.rate_from) filter (where %5$s), max(d.target_rate_from) filter (where %5$s))
                           as latest_rate
                from stage s
                left join grouped g on g.stage_id = s.id
                left join days d on d.currency = g.currency and d.rate_day = g.rate_day
                where s.pipeline_id = :pipeline and s.removed_at is null
                group by s.id, s.position, g.currency
                order by s.position""".formatted(
                rateDay, source, matched, targetRates, CONVERTIBLE, converted("g.amount"), converted("g.weighted"));
        return jdbc.query(
                sql,
                params,
                (rs, i) -> new Group(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6),
                        rs.getLong(7),
                        rs.getBigDecimal(8),
                        rs.getObject(9, LocalDate.class),
                        rs.getObject(10, LocalDate.class)));
    }
}

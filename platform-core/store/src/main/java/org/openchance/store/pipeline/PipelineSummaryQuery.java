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
 * A pipeline's opportunities summed per stage, currency and exchange rate in one statement, in exact decimals (numeric
 * all the way): the caller converts each sum and adds up. The rate of an opportunity is the one valid on its rate day:
 * the close date of a closed opportunity, {@code today} for an open one (what its amount is worth now). Rates are
 * looked up once per currency and day (all open deals share one), and the sums are per rate, not per day: a few rows
 * per stage and currency, whatever the number of close dates.
 */
public final class PipelineSummaryQuery {

    /**
     * One group. {@code currency} and the sums are null for opportunities without an amount; {@code weightedAmount}
     * is the sum of amount x probability / 100. A rate is null when none is valid on the day (and for the base, whose
     * rate is 1); {@code rateFrom} is the day the rate became valid.
     */
    public record Group(
            UUID stageId,
            String currency,
            long count,
            BigDecimal amount,
            BigDecimal weightedAmount,
            BigDecimal rate,
            LocalDate rateFrom,
            BigDecimal targetRate,
            LocalDate targetRateFrom) {}

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
        // Rates are looked up once per currency and day that needs one (not per stage), and not for the base; the
        // target's only when it is not the base (a generic plan would run a lookup it then throws away).
        String targetRates = target.equals(base)
                ? "left join lateral (select cast(null as numeric) as rate, cast(null as date) as valid_from) t on true"
                : """
                  left join lateral (select rate, valid_from from exchange_rate x
                                     where x.base = :base and x.currency = :target and x.valid_from <= d.rate_day
                                     order by x.valid_from desc limit 1) t on true""";
        // Amounts already in the target need no rate: one group per stage for them, whatever their days.
        String rateDay = "case when amount_currency = cast(:target as text) then null else "
                + (asOf == null ? "coalesce(closed_at, cast(:today as date))" : "cast(:today as date)") + " end";
        String sql = """
                with grouped as (
                    select stage_id, amount_currency as currency, %s as rate_day,
                           count(*) as count, sum(amount) as amount, sum(amount * probability) * 0.01 as weighted
                    from %s where %s
                    group by 1, 2, 3),
                days as (
                    select d.currency, d.rate_day, r.rate, r.valid_from as rate_from, t.rate as target_rate,
                           t.valid_from as target_rate_from
                    from (select distinct currency, rate_day from grouped
                          where currency is not null and currency <> cast(:target as text)) d
                    left join lateral (select rate, valid_from from exchange_rate x
                                       where x.base = :base and x.currency = d.currency and x.valid_from <= d.rate_day
                                       order by x.valid_from desc limit 1) r on d.currency <> cast(:base as text)
                    %s)
                select s.id as stage_id, g.currency, coalesce(sum(g.count), 0) as count, sum(g.amount) as amount,
                       sum(g.weighted) as weighted, d.rate, d.rate_from, d.target_rate, d.target_rate_from
                from stage s
                left join grouped g on g.stage_id = s.id
                left join days d on d.currency = g.currency and d.rate_day = g.rate_day
                where s.pipeline_id = :pipeline and s.removed_at is null
                group by s.id, s.position, g.currency, d.rate, d.rate_from, d.target_rate, d.target_rate_from
                order by s.position""".formatted(rateDay, source, matched, targetRates);
        return jdbc.query(
                sql,
                params,
                (rs, i) -> new Group(
                        rs.getObject("stage_id", UUID.class),
                        rs.getString("currency"),
                        rs.getLong("count"),
                        rs.getBigDecimal("amount"),
                        rs.getBigDecimal("weighted"),
                        rs.getBigDecimal("rate"),
                        rs.getObject("rate_from", LocalDate.class),
                        rs.getBigDecimal("target_rate"),
                        rs.getObject("target_rate_from", LocalDate.class)));
    }
}

package org.openchance.store.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Count, amount and weighted amount per stage of a pipeline in one statement, in exact decimals (numeric all the
 * way). Amounts are summed in one currency: the given one, else the one most of the matched opportunities use.
 */
public final class PipelineSummaryQuery {

    /** One stage's totals; {@code otherCurrency} counts opportunities whose amount is in another currency. */
    public record StageTotals(
            UUID stageId,
            long count,
            String currency,
            BigDecimal amount,
            BigDecimal weightedAmount,
            long otherCurrency) {}

    private final NamedParameterJdbcTemplate jdbc;

    public PipelineSummaryQuery(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /**
     * @param from   close date from (closed: their close date; open: their expected close date), inclusive, or null
     * @param owners only these owners, or null/empty for all
     */
    public List<StageTotals> summarize(
            Viewer viewer, UUID pipeline, LocalDate from, LocalDate to, List<UUID> owners, String currency) {
        Map<String, Object> params = new HashMap<>();
        params.put("pipeline", pipeline);
        params.put("currency", currency);
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
        matched.append(" and ").append(OpportunityAccess.readable(viewer, "opportunity", params));
        String sql = """
                with matched as (select id, stage_id, amount, amount_currency, probability from opportunity where %s),
                     chosen as (select coalesce(cast(:currency as text),
                                  (select amount_currency from matched where amount_currency is not null
                                   group by amount_currency order by count(*) desc, amount_currency limit 1),
                                  'EUR') as code)
                select s.id as stage_id, chosen.code as currency, count(m.id) as count,
                       coalesce(sum(m.amount) filter (where m.amount_currency = chosen.code), 0) as amount,
                       coalesce(sum(m.amount * m.probability / 100) filter (where m.amount_currency = chosen.code), 0) as weighted,
                       count(m.id) filter (where m.amount is not null and m.amount_currency <> chosen.code) as other
                from stage s cross join chosen left join matched m on m.stage_id = s.id
                where s.pipeline_id = :pipeline
                group by s.id, s.position, chosen.code
                order by s.position""".formatted(matched);
        return jdbc.query(
                sql,
                params,
                (rs, i) -> new StageTotals(
                        rs.getObject("stage_id", UUID.class),
                        rs.getLong("count"),
                        rs.getString("currency"),
                        rs.getBigDecimal("amount"),
                        rs.getBigDecimal("weighted"),
                        rs.getLong("other")));
    }
}

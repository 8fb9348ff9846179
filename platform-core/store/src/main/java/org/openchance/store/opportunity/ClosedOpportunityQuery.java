package org.openchance.store.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.openchance.api.host.ClosedDealGrouping;
import org.openchance.api.host.ClosedDealQuery;
import org.openchance.api.host.ClosedDealTotals;
import org.openchance.api.model.ClosedOpportunity;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Closed opportunities for win/loss analysis: grouped and summed in the database ({@link #totals}: a few dozen rows
 * for tens of thousands of deals), or one by one for a few thousand ({@link #forEach}). Each amount is converted into
 * the base currency with the rate valid on its close date, looked up once per currency and day.
 */
public final class ClosedOpportunityQuery {

    /** The closed deals the query selects, each with its converted amount ({@code converted}) and its cycle days. */
    private static final String FACTS = """
            with closed as materialized (
                select o.id, o.status, o.created_at, o.closed_at, o.amount, o.amount_currency, o.close_reasons,
                       o.winning_competitor_id, o.owner_id, o.pipeline_id, o.lost_at_stage_id, o.account_id
                from opportunity o where %s),
            day_rate as (
                select n.currency, n.day,
                       (select x.rate from exchange_rate x where x.base = :base and x.currency = n.currency
                        and x.valid_from <= n.day order by x.valid_from desc limit 1) as rate
                from (select distinct amount_currency as currency, closed_at as day from closed
                      where amount_currency <> cast(:base as text)) n),
            facts as (
                select c.*, case when c.amount_currency = cast(:base as text) then c.amount
                                 else c.amount / r.rate end as converted,
                       greatest(0, c.closed_at - cast(c.created_at at time zone 'UTC' as date)) as cycle
                from closed c left join day_rate r on r.currency = c.amount_currency and r.day = c.closed_at)
            """;

    private static final String LEAD_SOURCE = """
            left join (select distinct on (converted_opportunity_id) converted_opportunity_id as id, source from lead
                       where converted_opportunity_id is not null and source is not null
                       order by converted_opportunity_id, created_at) l on l.id = f.id""";

    private static final String SUMS = "count(*) filter (where f.status = 'WON'),"
            + " count(*) filter (where f.status = 'LOST'),"
            + " round(coalesce(sum(f.converted) filter (where f.status = 'WON'), 0), 6),"
            + " round(coalesce(sum(f.converted) filter (where f.status = 'LOST'), 0), 6),"
            + " count(*) filter (where f.converted is null), coalesce(sum(f.cycle), 0)";

    private final NamedParameterJdbcTemplate jdbc;

    public ClosedOpportunityQuery(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** The selected deals grouped by one of their facts. */
    public List<ClosedDealTotals> totals(Viewer viewer, ClosedDealQuery query, ClosedDealGrouping by, String base) {
        Map<String, Object> params = new HashMap<>();
        String[] group =
                switch (by) {
                    case REASON ->
                        new String[] {
                            "cross join lateral unnest(case when cardinality(f.close_reasons) = 0 then array['NONE']"
                                    + " else f.close_reasons end) g(reason)",
                            "g.reason",
                            "g.reason"
                        };
                    case OWNER ->
                        new String[] {"left join app_user u on u.id = f.owner_id", "f.owner_id::text", "u.name"};
                    case INDUSTRY ->
                        new String[] {
                            "left join account a on a.id = f.account_id",
                            "coalesce(a.industry, 'UNKNOWN')",
                            "a.industry"
                        };
                    case STAGE_LOST_AT ->
                        new String[] {"join stage s on s.id = f.lost_at_stage_id", "f.lost_at_stage_id::text", "s.name"
                        };
                    case PIPELINE ->
                        new String[] {"left join pipeline p on p.id = f.pipeline_id", "f.pipeline_id::text", "p.name"};
                    case COMPANY_SIZE -> new String[] {"left join account a on a.id = f.account_id", """
                        case when a.employee_count is null then 'UNKNOWN' when a.employee_count < 10 then '1-9'
                             when a.employee_count < 50 then '10-49' when a.employee_count < 250 then '50-249'
                             when a.employee_count < 1000 then '250-999' when a.employee_count < 5000 then '1000-4999'
                             else '5000+' end""", "null"};
                    case LEAD_SOURCE -> new String[] {LEAD_SOURCE, "coalesce(l.source, 'NONE')", "l.source"};
                    case QUARTER -> new String[] {"", "to_char(f.closed_at, 'YYYY-\"Q\"Q')", "null"};
                };
        String sql = FACTS.formatted(where(viewer, query, base, params))
                + "select " + group[1] + " as key, min(" + group[2] + ") as label, " + SUMS
                + " from facts f " + group[0] + " group by 1";
        return jdbc.query(sql, params, (rs, i) -> totals(rs));
    }

    /** The selected deals grouped by keys given per deal; the deals without any are one group of key null. */
    public List<ClosedDealTotals> totals(
            Viewer viewer, ClosedDealQuery query, Map<UUID, ? extends Collection<String>> keys, String base) {
        Map<String, Object> params = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        List<String> values = new ArrayList<>();
        keys.forEach((id, given) -> given.forEach(key -> {
            ids.add(id);
            values.add(key);
        }));
        params.put("groupIds", literal(ids.stream().map(UUID::toString).toList()));
        params.put("groupKeys", literal(values));
        String sql = FACTS.formatted(where(viewer, query, base, params))
                + "select g.key, g.key, " + SUMS + " from facts f left join unnest(cast(:groupIds as uuid[]),"
                + " cast(:groupKeys as text[])) g(id, key) on g.id = f.id group by 1";
        return jdbc.query(sql, params, (rs, i) -> totals(rs));
    }

    /** Each selected deal with what analysis groups by (no order). */
    public void forEach(Viewer viewer, ClosedDealQuery query, String base, Consumer<ClosedOpportunity> each) {
        Map<String, Object> params = new HashMap<>();
        String sql = FACTS.formatted(where(viewer, query, base, params)) + """
                select f.id, f.status = 'WON', o.name, cast(f.created_at at time zone 'UTC' as date), f.closed_at,
                       f.converted, f.close_reasons, f.winning_competitor_id, f.owner_id, u.name, f.pipeline_id,
                       p.name, f.lost_at_stage_id, s.name, a.industry, a.employee_count, l.source
                from facts f
                join opportunity o on o.id = f.id
                left join app_user u on u.id = f.owner_id
                left join pipeline p on p.id = f.pipeline_id
                left join stage s on s.id = f.lost_at_stage_id
                left join account a on a.id = f.account_id
                """ + LEAD_SOURCE;
        jdbc.query(sql, params, (ResultSet rs) -> {
            each.accept(ClosedOpportunity.builder()
                    .id(rs.getObject(1, UUID.class))
                    .won(rs.getBoolean(2))
                    .name(rs.getString(3))
                    .createdOn(rs.getObject(4, LocalDate.class))
                    .closedAt(rs.getObject(5, LocalDate.class))
                    .amount(scaled(rs.getBigDecimal(6)))
                    .reasons(texts(rs.getArray(7)))
                    .winningCompetitorId(rs.getString(8))
                    .owner(rs.getObject(9, UUID.class), rs.getString(10))
                    .pipeline(rs.getObject(11, UUID.class), rs.getString(12))
                    .lostAtStage(rs.getObject(13, UUID.class), rs.getString(14))
                    .industry(rs.getString(15))
                    .employeeCount((Integer) rs.getObject(16))
                    .leadSource(rs.getString(17))
                    .build());
        });
    }

    /** The live closed deals of the query that the viewer may see, as a condition on {@code o}. */
    private static String where(Viewer viewer, ClosedDealQuery query, String base, Map<String, Object> params) {
        params.put("base", base);
        params.put("from", query.from());
        params.put("to", query.to());
        StringBuilder where = new StringBuilder("o.closed_at between :from and :to and o.deleted_at is null");
        if (query.pipelineIds() != null) {
            where.append(" and o.pipeline_id = any(cast(:pipelines as uuid[]))");
            params.put(
                    "pipelines",
                    literal(query.pipelineIds().stream().map(UUID::toString).toList()));
        }
        if (query.ownerIds() != null) {
            where.append(" and o.owner_id = any(cast(:owners as uuid[]))");
            params.put(
                    "owners",
                    literal(query.ownerIds().stream().map(UUID::toString).toList()));
        }
        if (query.opportunityIds() != null) {
            where.append(" and o.id = any(cast(:ids as uuid[]))");
            params.put(
                    "ids",
                    literal(query.opportunityIds().stream().map(UUID::toString).toList()));
        }
        return where.append(" and ")
                .append(OpportunityAccess.readable(viewer, "o", params))
                .toString();
    }

    /** A PostgreSQL array literal of texts, each quoted: one parameter however many there are. */
    static String literal(List<String> values) {
        StringBuilder literal = new StringBuilder(values.size() * 40).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    private static ClosedDealTotals totals(ResultSet rs) throws SQLException {
        return ClosedDealTotals.of(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getInt(4),
                rs.getBigDecimal(5),
                rs.getBigDecimal(6),
                rs.getInt(7),
                rs.getLong(8));
    }

    /** Converted amounts to 6 decimals: enough for sums rounded to cents, without PostgreSQL's 16-digit quotients. */
    private static BigDecimal scaled(BigDecimal amount) {
        return amount == null || amount.scale() <= 6 ? amount : amount.setScale(6, RoundingMode.HALF_UP);
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

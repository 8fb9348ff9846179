package org.openchance.store.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.openchance.api.model.ClosedOpportunity;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The closed opportunities of a close-date range with what win/loss analysis groups by, in one statement: tens of
 * thousands of rows for one aggregate, so the labels come from joins of the small tables (users, pipelines, stages)
 * and each amount is converted into the base currency with the rate valid on its close date, looked up once per
 * currency and day.
 */
public final class ClosedOpportunityQuery {

    private final NamedParameterJdbcTemplate jdbc;

    public ClosedOpportunityQuery(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /**
     * @param base the currency rates are quoted against: amounts are converted into it (null when no rate was valid
     *     on the close date)
     */
    public void forEach(Viewer viewer, LocalDate from, LocalDate to, String base, Consumer<ClosedOpportunity> each) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("base", base);
        String visible = OpportunityAccess.readable(viewer, "o", params);
        String sql = """
                with closed as (
                    select o.id, o.name, o.status, o.created_at, o.closed_at, o.amount, o.amount_currency, o.close_reasons,
                           o.winning_competitor_id, o.owner_id, o.pipeline_id, o.lost_at_stage_id, o.account_id
                    from opportunity o
                    where o.closed_at between :from and :to and o.deleted_at is null and %s),
                day_rate as (
                    select n.currency, n.day,
                           (select x.rate from exchange_rate x where x.base = :base and x.currency = n.currency
                            and x.valid_from <= n.day order by x.valid_from desc limit 1) as rate
                    from (select distinct amount_currency as currency, closed_at as day from closed
                          where amount_currency <> cast(:base as text)) n),
                lead_source as (
                    select distinct on (converted_opportunity_id) converted_opportunity_id as id, source from lead
                    where converted_opportunity_id is not null and source is not null
                    order by converted_opportunity_id, created_at)
                select c.id, c.status = 'WON', c.name, cast(c.created_at at time zone 'UTC' as date), c.closed_at,
                       case when c.amount_currency = cast(:base as text) then c.amount
                            else c.amount / r.rate end,
                       c.close_reasons, c.winning_competitor_id, c.owner_id, u.name, c.pipeline_id, p.name,
                       c.lost_at_stage_id, s.name, a.industry, a.employee_count, l.source
                from closed c
                left join day_rate r on r.currency = c.amount_currency and r.day = c.closed_at
                left join app_user u on u.id = c.owner_id
                left join pipeline p on p.id = c.pipeline_id
                left join stage s on s.id = c.lost_at_stage_id
                left join account a on a.id = c.account_id
                left join lead_source l on l.id = c.id
                order by c.closed_at, c.id""".formatted(visible);
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

    /** Converted amounts to 6 decimals: enough for sums rounded to cents, without PostgreSQL's 16-digit quotients. */
    private static BigDecimal scaled(BigDecimal amount) {
        return amount == null || amount.scale() <= 6 ? amount : amount.setScale(6, RoundingMode.HALF_UP);
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

package org.openchance.store.opportunity;

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
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.PageRows;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The pipeline as it stood at a moment: every opportunity that existed then, with the values its tracked fields had
 * then, rebuilt from {@code opportunity_history}. A field's value at time T is the new value of its last change
 * before T; without one, the old value of its first change after T; without any change, today's value. The rebuilt
 * rows carry the real column names, so the list filters and orderings of {@link OpportunityQueries} apply unchanged.
 */
public final class OpportunityAsOf {

    /** The tracked fields at that moment. */
    public record Values(
            UUID stageId,
            BigDecimal amount,
            String amountCurrency,
            int probability,
            LocalDate expectedCloseDate,
            UUID ownerId,
            OpportunityStatus status,
            String forecastCategory) {}

    /** history field -> today's value as the history writes it (money as "amount currency"). */
    private static final Map<String, String> FIELDS = Map.of(
            "stage", "o.stage_id::text",
            "amount", "case when o.amount is null then null else o.amount::text || ' ' || o.amount_currency end",
            "probability", "o.probability::text",
            "expectedCloseDate", "o.expected_close_date::text",
            "owner", "o.owner_id::text",
            "status", "o.status",
            "forecastCategory", "o.forecast_category");

    private static final String REBUILT;

    static {
        StringBuilder joins = new StringBuilder();
        Map<String, String> value = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            String before = "b" + i;
            String after = "a" + i++;
            joins.append("""
                     left join lateral (select true as found, h.new_value as v from opportunity_history h
                       where h.opportunity_id = o.id and h.field = '%1$s' and h.changed_at < :asOf
                       order by h.changed_at desc, h.id desc limit 1) %2$s on true
                     left join lateral (select true as found, h.old_value as v from opportunity_history h
                       where h.opportunity_id = o.id and h.field = '%1$s' and h.changed_at >= :asOf
                       order by h.changed_at, h.id limit 1) %3$s on true
                    """.formatted(field.getKey(), before, after));
            value.put(
                    field.getKey(),
                    "(case when %1$s.found then %1$s.v when %2$s.found then %2$s.v else %3$s end)"
                            .formatted(before, after, field.getValue()));
        }
        REBUILT = """
                (select o.id, o.name, o.account_id, o.pipeline_id, o.created_at, o.updated_at,
                        cast(null as timestamptz) as deleted_at, o.stage_entered_at,
                        %s::uuid as stage_id,
                        nullif(split_part(%s, ' ', 1), '')::numeric as amount,
                        nullif(split_part(%s, ' ', 2), '') as amount_currency,
                        %s::int as probability,
                        %s::date as expected_close_date,
                        %s::uuid as owner_id,
                        %s as status,
                        %s as forecast_category,
                        case when %s <> 'OPEN' then o.closed_at end as closed_at
                 from opportunity o
                %s
                 where o.created_at < :asOf and (o.deleted_at is null or o.deleted_at >= :asOf)) as_of""".formatted(
                        value.get("stage"),
                        value.get("amount"),
                        value.get("amount"),
                        value.get("probability"),
                        value.get("expectedCloseDate"),
                        value.get("owner"),
                        value.get("status"),
                        value.get("forecastCategory"),
                        value.get("status"),
                        joins);
    }

    private final KeysetQuery query;
    private final NamedParameterJdbcTemplate jdbc;

    /**
     * The rebuilt table as SQL, aliased {@code as_of}, with the parameter {@code :asOf} (a timestamp): for other
     * statements over the pipeline of then, such as its summary. Closed then: today's close date.
     */
    public static String rebuilt() {
        return REBUILT;
    }

    public OpportunityAsOf(KeysetQuery query, DataSource dataSource) {
        this.query = query;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** A page of the opportunities open at {@code asOf} that match the filter with their values of then. */
    public PageRows page(Viewer viewer, OpportunityFilter filter, PageRequest page, Instant asOf) {
        Map<String, Object> params = params(asOf);
        return query.page(REBUILT, where(viewer, filter, params), params, page);
    }

    public long count(Viewer viewer, OpportunityFilter filter, Instant asOf) {
        Map<String, Object> params = params(asOf);
        return query.count(REBUILT, where(viewer, filter, params), params);
    }

    /** The values of these opportunities at {@code asOf}. */
    public Map<UUID, Values> values(List<UUID> ids, Instant asOf) {
        Map<UUID, Values> values = new HashMap<>();
        if (ids.isEmpty()) {
            return values;
        }
        Map<String, Object> params = params(asOf);
        params.put("ids", ids);
        jdbc.query("select * from " + REBUILT + " where id in (:ids)", params, rs -> {
            values.put(
                    rs.getObject("id", UUID.class),
                    new Values(
                            rs.getObject("stage_id", UUID.class),
                            rs.getBigDecimal("amount"),
                            rs.getString("amount_currency"),
                            rs.getInt("probability"),
                            rs.getObject("expected_close_date", LocalDate.class),
                            rs.getObject("owner_id", UUID.class),
                            OpportunityStatus.valueOf(rs.getString("status")),
                            rs.getString("forecast_category")));
        });
        return values;
    }

    /** Open then, whatever the filter says about status; "stalled" is about today and does not apply. */
    /** Who may see a deal of then: the rule on its owner of then and its team of today. */
    private static String where(Viewer viewer, OpportunityFilter f, Map<String, Object> params) {
        return where(f, params) + " and " + OpportunityAccess.readable(viewer, "as_of", params);
    }

    private static String where(OpportunityFilter f, Map<String, Object> params) {
        return OpportunityQueries.where(
                new OpportunityFilter(
                        OpportunityStatus.OPEN,
                        f.stageIds(),
                        f.ownerIds(),
                        f.accountId(),
                        f.closeDateFrom(),
                        f.closeDateTo(),
                        f.amountBounds(),
                        null,
                        false),
                params);
    }

    private static Map<String, Object> params(Instant asOf) {
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", Timestamp.from(asOf));
        return params;
    }
}

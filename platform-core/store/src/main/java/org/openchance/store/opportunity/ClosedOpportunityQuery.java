package org.openchance.store.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.openchance.api.host.ClosedDealGrouping;
import org.openchance.api.host.ClosedDealGroups;
import org.openchance.api.host.ClosedDealKeyTable;
import org.openchance.api.host.ClosedDealQuery;
import org.openchance.api.host.ClosedDealTotals;
import org.openchance.api.model.ClosedOpportunity;
import org.openchance.store.SqlArrays;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Closed opportunities for win/loss analysis: grouped and summed in the database ({@link #totals}: a few dozen rows
 * for tens of thousands of deals), or one by one for a few thousand ({@link #forEach}). Amounts are converted into
 * the base currency with the rate valid on the close date, looked up once per currency and day.
 */
public final class ClosedOpportunityQuery {

    /** The closed deals the query selects, each with its converted amount ({@code converted}) and its cycle days. */
    private static final String FACTS = """
            with closed as materialized (
                select o.id, o.name, o.status, o.created_at, o.closed_at, o.amount, o.amount_currency, o.close_reasons,
                       o.winning_competitor_id, o.owner_id, o.pipeline_id, o.lost_at_stage_id, o.account_id
                from %2$s o where %1$s),
            day_rate as (
                select n.currency, n.day,
                       (select x.rate from exchange_rate x where x.base = :base and x.currency = n.currency
                        and x.valid_from <= n.day order by x.valid_from desc limit 1) as rate
                from (select distinct amount_currency as currency, closed_at as day from closed
                      where amount_currency <> cast(:base as text)) n),
            facts as (
                select c.*, case when c.amount_currency = cast(:base as text) then c.amount
                                 else c.amount / r.rate end as converted
                from closed c left join day_rate r on r.currency = c.amount_currency and r.day = c.closed_at)
            """;

    /**
     * Group totals in one statement: the selected deals with only what the grouping reads ({@code facts}: their
     * outcome, amount converted with the rate of their close day, cycle days, and the grouping's column), summed per
     * key, and all of them once more as a whole (a deal with two reasons is in two groups, once in the whole).
     * Measured at 100,000 deals: narrower facts beat summing per day before converting, which makes nearly as many
     * groups as deals; the deals are read once (the day rates come from what was read), which also rebuilds the
     * deals of a past day once.
     */
    private static final String TOTALS = """
            with selected as materialized (
                select o.status, %2$s, o.amount, o.amount_currency, o.closed_at,
                       greatest(0, o.closed_at - cast(o.created_at at time zone 'UTC' as date)) as cycle,
                       q.discount_percent as discount
                from %8$s o left join %7$s q on q.opportunity_id = o.id
                where %1$s),
            day_rate as (
                select n.currency, n.day,
                       (select x.rate from exchange_rate x where x.base = :base and x.currency = n.currency
                        and x.valid_from <= n.day order by x.valid_from desc limit 1) as rate
                from (select distinct amount_currency as currency, closed_at as day from selected
                      where amount_currency <> cast(:base as text)) n),
            facts as (
                select s.*, case when s.amount_currency = cast(:base as text) then s.amount else s.amount / r.rate end
                           as converted
                from selected s left join day_rate r on r.currency = s.amount_currency and r.day = s.closed_at)
            select false, %3$s as key, min(%4$s), %6$s from facts d %5$s group by 2
            union all
            select true, null, null, %6$s from facts d""";

    private static final String SUMS = "count(*) filter (where d.status = 'WON'), count(*) filter (where d.status ="
            + " 'LOST'), round(coalesce(sum(d.converted) filter (where d.status = 'WON'), 0), 6),"
            + " round(coalesce(sum(d.converted) filter (where d.status = 'LOST'), 0), 6),"
            + " count(*) filter (where d.converted is null), coalesce(sum(d.cycle), 0), count(d.discount),"
            + " coalesce(sum(d.discount), 0)";

    /** What a closed deal's analysis reads that changes over time: history field, today's value as text, column. */
    private static final String[][] CHANGING = {
        {"status", "o.status", "%s as status"},
        {"closedAt", "o.closed_at::text", "cast(%s as date) as closed_at"},
        {"closeReasons", "o.close_reasons::text", "cast(%s as text[]) as close_reasons"},
        {"winningCompetitor", "o.winning_competitor_id", "%s as winning_competitor_id"},
        {"lostAtStage", "o.lost_at_stage_id::text", "cast(%s as uuid) as lost_at_stage_id"},
        {
            "amount",
            "case when o.amount is null then null else o.amount::text || ' ' || o.amount_currency end",
            "cast(nullif(split_part(%1$s, ' ', 1), '') as numeric) as amount,"
                    + " nullif(split_part(%1$s, ' ', 2), '') as amount_currency"
        },
        {"owner", "o.owner_id::text", "cast(%s as uuid) as owner_id"},
        {"pipeline", "o.pipeline_id::text", "cast(%s as uuid) as pipeline_id"},
    };

    /**
     * The deals as they stood at {@code :asOf}, with the columns analysis reads (the rule's condition is {@code %s}).
     * A field's value then is the old value of its first change since (history is complete for each change), else
     * today's; so only deals changed since need a look into the history, the others are read as they are.
     * Existing then: created before, not yet deleted.
     */
    private static final String AS_OF;

    static {
        StringBuilder columns = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < CHANGING.length; i++) {
            String[] field = CHANGING[i];
            joins.append("""
                     left join lateral (select true as found, h.old_value as v from opportunity_history h
                       where h.opportunity_id = o.id and h.field = '%s' and h.changed_at >= :asOf
                       order by h.changed_at, h.id limit 1) c%d on true
                    """.formatted(field[0], i));
            String then = "(case when c%1$d.found then c%1$d.v else %2$s end)".formatted(i, field[1]);
            columns.append(", ").append(field[2].replace("%1$s", then).replace("%s", then));
        }
        String changedSince =
                "exists (select 1 from opportunity_history h where h.opportunity_id = o.id and h.changed_at >= :asOf)";
        String existing = "o.created_at < :asOf and (o.deleted_at is null or o.deleted_at >= :asOf)";
        AS_OF = """
                (select o.id, o.name, o.created_at, o.account_id, o.status, o.closed_at, o.close_reasons,
                        o.winning_competitor_id, o.lost_at_stage_id, o.amount, o.amount_currency, o.owner_id,
                        o.pipeline_id
                 from opportunity o
                 where o.closed_at between :from and :to and %1$s and not %2$s and %%1$s
                 union all
                 select o.id, o.name, o.created_at, o.account_id%3$s
                 from opportunity o
                %4$s
                 where %1$s and %2$s and %%1$s)""".formatted(existing, changedSince, columns, joins);
    }

    private static final String LEAD_SOURCE_JOIN = """
            left join (select distinct on (converted_opportunity_id) converted_opportunity_id as id, source from lead
                       where converted_opportunity_id is not null and source is not null
                       order by converted_opportunity_id, created_at) l on l.id = %s.id""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Function<String, DataSource> pluginDatabases;

    public ClosedOpportunityQuery(DataSource dataSource) {
        this(dataSource, schema -> {
            throw new IllegalStateException("no plugin databases here");
        });
    }

    /** @param pluginDatabases the connections of the plugin whose schema it is, as the plugin's own role */
    public ClosedOpportunityQuery(DataSource dataSource, Function<String, DataSource> pluginDatabases) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.pluginDatabases = pluginDatabases;
    }

    /** The selected deals grouped by one of their facts. */
    public ClosedDealGroups totals(Viewer viewer, ClosedDealQuery query, ClosedDealGrouping by, String base) {
        Map<String, Object> params = new HashMap<>();
        // the deal's columns it reads, key, label, joins of d (the deal)
        String[] group =
                switch (by) {
                    case REASON ->
                        new String[] {
                            "o.close_reasons",
                            "g.reason",
                            "g.reason",
                            "cross join lateral unnest(case when cardinality(d.close_reasons) = 0 then array['NONE']"
                                    + " else d.close_reasons end) g(reason)"
                        };
                    case OWNER ->
                        new String[] {
                            "o.owner_id", "d.owner_id::text", "u.name", "left join app_user u on u.id = d.owner_id"
                        };
                    case INDUSTRY ->
                        new String[] {
                            "o.account_id",
                            "coalesce(a.industry, 'UNKNOWN')",
                            "a.industry",
                            "left join account a on a.id = d.account_id"
                        };
                    case STAGE_LOST_AT ->
                        new String[] {
                            "o.lost_at_stage_id",
                            "d.lost_at_stage_id::text",
                            "s.name",
                            "join stage s on s.id = d.lost_at_stage_id"
                        };
                    case PIPELINE ->
                        new String[] {
                            "o.pipeline_id",
                            "d.pipeline_id::text",
                            "p.name",
                            "left join pipeline p on p.id = d.pipeline_id"
                        };
                    case COMPANY_SIZE ->
                        new String[] {
                            "o.account_id", """
                        case when a.employee_count is null then 'UNKNOWN' when a.employee_count < 10 then '1-9'
                             when a.employee_count < 50 then '10-49' when a.employee_count < 250 then '50-249'
                             when a.employee_count < 1000 then '250-999' when a.employee_count < 5000 then '1000-4999'
                             else '5000+' end""", "cast(null as text)", "left join account a on a.id = d.account_id"
                        };
                    case LEAD_SOURCE ->
                        new String[] {"o.id", "coalesce(l.source, 'NONE')", "l.source", LEAD_SOURCE_JOIN.formatted("d")
                        };
                    case QUARTER ->
                        new String[] {"o.id", "to_char(d.closed_at, 'YYYY-\"Q\"Q')", "cast(null as text)", ""};
                };
        Selection selected = select(viewer, query, base, params);
        String sql = TOTALS.formatted(
                selected.where(), group[0], group[1], group[2], group[3], SUMS, selected.discounts(), selected.from());
        return groups(sql, params, null);
    }

    /** The selected deals grouped by keys given per deal; the deals without any are one group of key null. */
    public ClosedDealGroups totals(
            Viewer viewer, ClosedDealQuery query, Map<UUID, ? extends Collection<String>> keys, String base) {
        Map<String, Object> params = new HashMap<>();
        // the keys as small numbers: two arrays of a few characters per entry instead of two of forty
        Map<String, Integer> numbers = new HashMap<>();
        List<String> names = new ArrayList<>();
        StringBuilder ids = new StringBuilder("{");
        StringBuilder indexes = new StringBuilder("{");
        keys.forEach((id, given) -> given.forEach(key -> {
            Integer n = numbers.computeIfAbsent(key, k -> {
                names.add(k);
                return names.size() - 1;
            });
            ids.append(ids.length() > 1 ? "," : "").append(id);
            indexes.append(indexes.length() > 1 ? "," : "").append(n);
        }));
        params.put("groupIds", ids.append('}').toString());
        params.put("groupKeys", indexes.append('}').toString());
        String join =
                "left join unnest(cast(:groupIds as uuid[]), cast(:groupKeys as int[])) g(id, key) on g.id = d.id";
        Selection selected = select(viewer, query, base, params);
        String sql = TOTALS.formatted(
                selected.where(),
                "o.id",
                "g.key::text",
                "cast(null as text)",
                join,
                SUMS,
                selected.discounts(),
                selected.from());
        return groups(sql, params, names);
    }

    /**
     * The selected deals grouped by keys in a plugin's table ({@code schema} the plugin's own), read over the
     * plugin's connections, which log in as the plugin's own role. Never as the server: a view, a row policy or a
     * cast of the plugin's runs its functions as whoever reads it, and a function can leave a role set with
     * {@code SET ROLE}, but not the role it logged in as. The pairs come back as plain ids and text and are grouped as
     * {@link #totals(Viewer, ClosedDealQuery, Map, String)} groups given keys; the deals without any are one group of
     * key null.
     */
    public ClosedDealGroups totals(
            Viewer viewer, ClosedDealQuery query, String schema, ClosedDealKeyTable keys, String base) {
        return totals(viewer, query, keyPairs(pluginDatabases.apply(schema), schema, keys, query), base);
    }

    /**
     * Each deal's keys in the plugin's table; a table of stretches of time only the stretches holding at the query's
     * as-of moment (now without one), each pair once.
     */
    private static Map<UUID, List<String>> keyPairs(
            DataSource plugin, String schema, ClosedDealKeyTable keys, ClosedDealQuery query) {
        // the names are plain lower-case SQL names (checked by ClosedDealKeyTable, again here), quoted
        String table = "\"%s\".\"%s\"".formatted(identifier(schema), identifier(keys.table()));
        StringBuilder holding = new StringBuilder("true");
        Map<String, Object> params = new HashMap<>();
        if (query.asOf() != null) {
            params.put("asOf", endOf(query.asOf()));
            if (keys.since() != null) {
                holding.append(" and \"%s\" < :asOf".formatted(identifier(keys.since())));
            }
        }
        if (keys.until() != null) {
            String until = "\"%s\"".formatted(identifier(keys.until()));
            holding.append(
                    query.asOf() == null
                            ? " and %s is null".formatted(until)
                            : " and (%1$s is null or %1$s >= :asOf)".formatted(until));
        }
        String sql = "select distinct \"%s\"::uuid, \"%s\"::text from %s where %s"
                .formatted(identifier(keys.dealColumn()), identifier(keys.keyColumn()), table, holding);
        Map<UUID, List<String>> pairs = new HashMap<>();
        new NamedParameterJdbcTemplate(plugin).query(sql, params, (ResultSet rs) -> {
            String key = rs.getString(2);
            if (key != null) {
                pairs.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(key);
            }
        });
        return pairs;
    }

    /** The end of a day (UTC): an as-of day's deals are as they stood then. */
    private static Timestamp endOf(LocalDate day) {
        return Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain SQL name: " + name);
        }
        return name;
    }

    private ClosedDealGroups groups(String sql, Map<String, Object> params, List<String> names) {
        List<ClosedDealTotals> groups = new ArrayList<>();
        ClosedDealTotals[] all = {ClosedDealTotals.of(null, null, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0)};
        jdbc.query(sql, params, (ResultSet rs) -> {
            String key = rs.getString(2);
            if (names != null && key != null) {
                key = names.get(Integer.parseInt(key));
            }
            ClosedDealTotals totals = ClosedDealTotals.of(
                    key,
                    names != null ? key : rs.getString(3),
                    rs.getInt(4),
                    rs.getInt(5),
                    rs.getBigDecimal(6),
                    rs.getBigDecimal(7),
                    rs.getInt(8),
                    rs.getLong(9),
                    rs.getInt(10),
                    rs.getBigDecimal(11));
            if (rs.getBoolean(1)) {
                all[0] = totals;
            } else {
                groups.add(totals);
            }
        });
        return ClosedDealGroups.of(groups, all[0]);
    }

    /** Each selected deal with what analysis groups by (no order). */
    public void forEach(Viewer viewer, ClosedDealQuery query, String base, Consumer<ClosedOpportunity> each) {
        Map<String, Object> params = new HashMap<>();
        Selection selected = select(viewer, query, base, params);
        String sql = FACTS.formatted(selected.where(), selected.from()) + """
                select f.id, f.status = 'WON', f.name, cast(f.created_at at time zone 'UTC' as date), f.closed_at,
                       f.converted, f.close_reasons, f.winning_competitor_id, f.owner_id, u.name, f.pipeline_id,
                       p.name, f.lost_at_stage_id, s.name, a.industry, a.employee_count, l.source
                from facts f
                left join app_user u on u.id = f.owner_id
                left join pipeline p on p.id = f.pipeline_id
                left join stage s on s.id = f.lost_at_stage_id
                left join account a on a.id = f.account_id
                """ + LEAD_SOURCE_JOIN.formatted("f");
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

    /**
     * Where the deals come from (the table, or the deals as they stood then, as SQL), which of them count, and their
     * quoted discounts (now, or then).
     */
    private record Selection(String from, String where, String discounts) {}

    /**
     * The live closed deals of the query that the viewer may see: from the table, or as they stood at the end of the
     * query's as-of day (rebuilt from the history: {@link #asOf}).
     */
    private static Selection select(Viewer viewer, ClosedDealQuery query, String base, Map<String, Object> params) {
        params.put("base", base);
        params.put("from", query.from());
        params.put("to", query.to());
        params.put("asOf", query.asOf() == null ? Timestamp.from(Instant.now()) : endOf(query.asOf()));
        String readable = OpportunityAccess.readable(viewer, "o", params);
        StringBuilder where = new StringBuilder("o.closed_at between :from and :to");
        String from = "opportunity";
        if (query.asOf() == null) {
            where.append(" and o.deleted_at is null and ").append(readable);
        } else {
            // the rule applies to the deal as it is now (who may see it today), inside the rebuilt table
            from = AS_OF.formatted(readable);
            where.append(" and o.status in ('WON', 'LOST')");
        }
        if (query.pipelineIds() != null) {
            where.append(" and o.pipeline_id = any(cast(:pipelines as uuid[]))");
            params.put(
                    "pipelines",
                    SqlArrays.literal(
                            query.pipelineIds().stream().map(UUID::toString).toList()));
        }
        if (query.ownerIds() != null) {
            where.append(" and o.owner_id = any(cast(:owners as uuid[]))");
            params.put(
                    "owners",
                    SqlArrays.literal(
                            query.ownerIds().stream().map(UUID::toString).toList()));
        }
        if (query.opportunityIds() != null) {
            where.append(" and o.id = any(cast(:ids as uuid[]))");
            params.put(
                    "ids",
                    SqlArrays.literal(
                            query.opportunityIds().stream().map(UUID::toString).toList()));
        }
        return new Selection(
                from, where.toString(), query.asOf() == null ? QuotedDiscounts.LATEST : QuotedDiscounts.LATEST_AS_OF);
    }

    /** Converted amounts to 6 decimals: enough for sums rounded to cents, without PostgreSQL's 16-digit quotients. */
    private static BigDecimal scaled(BigDecimal amount) {
        return amount == null || amount.scale() <= 6 ? amount : amount.setScale(6, RoundingMode.HALF_UP);
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

package org.openchance.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The workloads of the core-model performance floor, built from the data in the database. The SQL is what the server
 * issues for each request (taken from its query log: {@code RowsById}, Micronaut Data repositories and
 * {@code KeysetQuery}), with the
 * parameters that request leads to, so pgbench runs exactly the database work of the API and nothing else.
 */
final class Workloads {

    private Workloads() {}

    /** One opportunity with its account and its team (users): four statements. */
    static Scenario opportunityWithAccountAndTeam(Connection db, int count) throws SQLException {
        List<Scenario.Request> requests = new ArrayList<>();
        // Opportunities that have a team, spread over the table, the same ones every run.
        for (UUID id : uuids(
                db,
                "select id from opportunity o where deleted_at is null and exists"
                        + " (select 1 from opportunity_team_member t where t.opportunity_id = o.id) order by md5(id::text) limit ?",
                count)) {
            UUID account = uuids(db, "select account_id from opportunity where id = ?", id)
                    .get(0);
            List<UUID> users = uuids(
                    db,
                    "select user_id from opportunity_team_member where opportunity_id = ?" + " order by added_at",
                    id);
            String body = json(
                    "query($id: ID!) { opportunity(id: $id) { id name amount { amount currency } probability"
                            + " expectedCloseDate status version account { id name industry employeeCount }"
                            + " team { role user { id name kind } } } }",
                    "id",
                    globalId("Opportunity", id));
            String sql = String.join(
                    ";\n",
                    "select * from opportunity where id = any('{" + id + "}'::uuid[])",
                    "select opportunity_id, user_id, role, added_at from opportunity_team_member where opportunity_id in ('"
                            + id + "') order by added_at asc",
                    "select * from app_user where id = any(" + array(users) + ")",
                    "select * from account where id = any('{" + account + "}'::uuid[])");
            requests.add(new Scenario.Request(body, globalId("Account", account), sql));
        }
        return new Scenario("opportunity + account + team", requests);
    }

    /** The first page of 50 open opportunities of one owner by expected close date, with stage and account: 3 statements. */
    static Scenario openOpportunitiesOfOwner(Connection db, int count) throws SQLException {
        List<Scenario.Request> requests = new ArrayList<>();
        String page = "select id, expected_close_date as k0, id as k1 from opportunity where deleted_at is null"
                + " and status = 'OPEN' and owner_id in ('%s') order by expected_close_date asc nulls last, id asc nulls last limit 51";
        for (UUID owner : uuids(
                db,
                "select owner_id from opportunity where status = 'OPEN' and deleted_at is null"
                        + " group by owner_id having count(*) >= 50 order by md5(owner_id::text) limit ?",
                count)) {
            List<UUID> ids = uuids(db, "select id from (" + page.formatted(owner) + ") p limit 50");
            List<UUID> accounts =
                    uuids(db, "select distinct account_id from opportunity where id = any(" + array(ids) + ")");
            String body = json(
                    "query($owner: ID!) { opportunities(first: 50, filter: { ownerIds: [$owner], status: OPEN },"
                            + " orderBy: { field: CLOSE_DATE }) { edges { cursor node { id name amount { amount currency }"
                            + " probability expectedCloseDate stage { name } account { name } } } pageInfo { hasNextPage endCursor } } }",
                    "owner",
                    globalId("User", owner));
            String sql = String.join(
                    ";\n",
                    page.formatted(owner),
                    "select * from opportunity where id = any(" + array(ids) + ")",
                    // stages come from the server's in-memory cache (Pipelines): no statement
                    "select * from account where id = any(" + array(accounts) + ")");
            requests.add(new Scenario.Request(body, globalId("Opportunity", ids.get(0)), sql));
        }
        return new Scenario("page of 50 open, one owner, by close date", requests);
    }

    /**
     * {@code pipelineSummary} of the default pipeline for one owner, in the reporting currency: one statement. The SQL
     * is the summary as one sum per stage and currency (what the server ran before amounts were converted), so the
     * baseline is the same on a database of any version.
     */
    static Scenario pipelineSummaryOfOwner(Connection db, int count) throws SQLException {
        List<Scenario.Request> requests = new ArrayList<>();
        UUID pipeline = uuids(db, "select id from pipeline where is_default").get(0);
        for (UUID owner : uuids(
                db,
                "select owner_id from opportunity where deleted_at is null and pipeline_id = ?"
                        + " group by owner_id order by md5(owner_id::text) limit ?",
                pipeline,
                count)) {
            String body = json(
                    "query($owner: ID!) { pipelineSummary(ownerIds: [$owner]) { stage { id name } count"
                            + " amount { amount currency } weightedAmount { amount currency } otherCurrencyCount } }",
                    "owner",
                    globalId("User", owner));
            requests.add(new Scenario.Request(body, "\"count\"", summarySql(pipeline, "owner_id = '" + owner + "'")));
        }
        return new Scenario("pipeline summary, one owner", requests);
    }

    /** {@code pipelineSummary} of the whole default pipeline, as an administrator sees it: one statement. */
    static Scenario pipelineSummary(Connection db) throws SQLException {
        UUID pipeline = uuids(db, "select id from pipeline where is_default").get(0);
        String body = "{\"query\":\"{ pipelineSummary { stage { id name } count amount { amount currency }"
                + " weightedAmount { amount currency } otherCurrencyCount } }\"}";
        return new Scenario(
                "pipeline summary, whole pipeline",
                List.of(new Scenario.Request(body, "\"count\"", summarySql(pipeline, "true"))));
    }

    /**
     * {@code winLossAnalysis} over every closed deal (about 76 % of them), grouped by one dimension, as the demo admin
     * sees it. The SQL is the statement the host runs for the plugin ({@code ClosedOpportunityQuery.totals}, the
     * admin's rule being {@code true}); for COMPETITOR joined with the plugin's table of links, as the host does.
     */
    static Scenario winLossAnalysis(String dimension) {
        String body = "{\"query\":\"{ winLossAnalysis(from: \\\"2000-01-01\\\", to: \\\"2100-01-01\\\", groupBy: "
                + dimension + ") { key label deals wins losses winRate winRateLow winRateHigh"
                + " wonAmount { amount } lostAmount { amount } averageCycleDays quotedDeals averageDiscount share"
                + " tooFewDeals } }\"}";
        // the deal's column it reads, key, label, joins of d (the deal): as ClosedOpportunityQuery groups
        String[] group =
                switch (dimension) {
                    case "REASON" ->
                        new String[] {
                            "o.close_reasons",
                            "g.reason",
                            "g.reason",
                            "cross join lateral unnest(case when cardinality(d.close_reasons) = 0 then array['NONE']"
                                    + " else d.close_reasons end) g(reason)"
                        };
                    case "OWNER" ->
                        new String[] {
                            "o.owner_id", "d.owner_id::text", "u.name", "left join app_user u on u.id = d.owner_id"
                        };
                    case "INDUSTRY" ->
                        new String[] {
                            "o.account_id",
                            "coalesce(a.industry, 'UNKNOWN')",
                            "a.industry",
                            "left join account a on a.id = d.account_id"
                        };
                    case "STAGE_LOST_AT" ->
                        new String[] {
                            "o.lost_at_stage_id",
                            "d.lost_at_stage_id::text",
                            "s.name",
                            "join stage s on s.id = d.lost_at_stage_id"
                        };
                    case "PIPELINE" ->
                        new String[] {
                            "o.pipeline_id",
                            "d.pipeline_id::text",
                            "p.name",
                            "left join pipeline p on p.id = d.pipeline_id"
                        };
                    case "COMPANY_SIZE" ->
                        new String[] {
                            "o.account_id",
                            "case when a.employee_count is null then 'UNKNOWN' when a.employee_count < 10 then '1-9'"
                                    + " when a.employee_count < 50 then '10-49' when a.employee_count < 250 then '50-249'"
                                    + " when a.employee_count < 1000 then '250-999' when a.employee_count < 5000"
                                    + " then '1000-4999' else '5000+' end",
                            "cast(null as text)",
                            "left join account a on a.id = d.account_id"
                        };
                    case "LEAD_SOURCE" ->
                        new String[] {
                            "o.id",
                            "coalesce(l.source, 'NONE')",
                            "l.source",
                            "left join (select distinct on (converted_opportunity_id) converted_opportunity_id as id,"
                                    + " source from lead where converted_opportunity_id is not null and source is not null"
                                    + " order by converted_opportunity_id, created_at) l on l.id = d.id"
                        };
                    case "QUARTER" ->
                        new String[] {"o.id", "to_char(d.closed_at, 'YYYY-\"Q\"Q')", "cast(null as text)", ""};
                    case "COMPETITOR" ->
                        new String[] {
                            "o.id",
                            "g.\"competitor_id\"::text",
                            "cast(null as text)",
                            "left join \"plugin_org_openchance_plugins_competitors\".\"opportunity_competitor\" g"
                                    + " on g.\"opportunity_id\" = d.id"
                        };
                    default -> throw new IllegalArgumentException(dimension);
                };
        String where = "o.closed_at between '2000-01-01' and '2100-01-01' and o.deleted_at is null and true";
        String sums = "count(*) filter (where d.status = 'WON'), count(*) filter (where d.status = 'LOST'),"
                + " round(coalesce(sum(d.converted) filter (where d.status = 'WON'), 0), 6),"
                + " round(coalesce(sum(d.converted) filter (where d.status = 'LOST'), 0), 6),"
                + " count(*) filter (where d.converted is null), coalesce(sum(d.cycle), 0), count(d.discount),"
                + " coalesce(sum(d.discount), 0)";
        String sql = ("""
                with selected as materialized (
                    select o.status, %2$s, o.amount, o.amount_currency, o.closed_at,
                           greatest(0, o.closed_at - cast(o.created_at at time zone 'UTC' as date)) as cycle,
                           q.discount_percent as discount
                    from opportunity o
                    left join (select distinct on (opportunity_id) opportunity_id, discount_percent
                               from opportunity_discount
                               order by opportunity_id, set_at desc, id desc) q on q.opportunity_id = o.id
                    where %1$s),
                day_rate as (
                    select n.currency, n.day,
                           (select x.rate from exchange_rate x where x.base = 'EUR' and x.currency = n.currency
                            and x.valid_from <= n.day order by x.valid_from desc limit 1) as rate
                    from (select distinct amount_currency as currency, closed_at as day from selected
                          where amount_currency <> 'EUR') n),
                facts as (
                    select s.*, case when s.amount_currency = 'EUR' then s.amount else s.amount / r.rate end as converted
                    from selected s left join day_rate r on r.currency = s.amount_currency and r.day = s.closed_at)
                select false, %3$s as key, min(%4$s), %6$s from facts d %5$s group by 2
                union all
                select true, null, null, %6$s from facts d""")
                .formatted(where, group[0], group[1], group[2], group[3], sums)
                .replace('\n', ' ');
        return new Scenario("winLossAnalysis by " + dimension, List.of(new Scenario.Request(body, "\"deals\"", sql)));
    }

    private static String summarySql(UUID pipeline, String condition) {
        return ("select s.id, count(o.id), coalesce(sum(o.amount) filter (where o.amount_currency = 'EUR'), 0),"
                        + " coalesce(sum(o.amount * o.probability / 100) filter (where o.amount_currency = 'EUR'), 0),"
                        + " count(o.id) filter (where o.amount_currency <> 'EUR')"
                        + " from stage s left join opportunity o on o.stage_id = s.id and o.deleted_at is null"
                        + " and o.pipeline_id = '%1$s' and %2$s"
                        + " where s.pipeline_id = '%1$s' group by s.id, s.position order by s.position")
                .formatted(pipeline, condition);
    }

    private static List<UUID> uuids(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<UUID> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
                if (ids.isEmpty()) {
                    throw new IllegalStateException("No data for the benchmark (generate it first): " + sql);
                }
                return ids;
            }
        }
    }

    /** As the server binds a batch of ids: one uuid[] parameter. */
    private static String array(List<UUID> ids) {
        Set<UUID> unique = new LinkedHashSet<>(ids);
        return unique.stream().map(UUID::toString).collect(Collectors.joining(",", "'{", "}'::uuid[]"));
    }

    /** The API's opaque id: base64url of "Type:uuid". */
    static String globalId(String type, UUID id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String query, String variable, String value) {
        return "{\"query\":\"" + query.replace("\"", "\\\"") + "\",\"variables\":{\"" + variable + "\":\"" + value
                + "\"}}";
    }
}

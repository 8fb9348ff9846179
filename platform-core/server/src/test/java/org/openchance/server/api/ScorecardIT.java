package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The scoring-criteria plugin as a partner would ship it: the built bundle dropped into a running server. Scores
 * with their contributions, the history after an update, and a new scorecard version that leaves the old scores
 * attributed to the old version. Expected values computed by hand (see ScorecardTest for the rules).
 */
@ServerTest(
        properties = {
            "openchance.events.poll-interval=100ms",
            "openchance.reminders.poll-interval=1h",
            "openchance.scoring.sweep-interval=200ms"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScorecardIT {

    static final Path PLUGINS = PluginBundles.temporaryFolder("openchance-scorecard-plugins-");

    static final String SCORES = "query($id: ID!) { opportunity(id: $id) { scores { strategy value"
            + " contributions { criterion weight value points explanation } } } }";
    static final String HISTORY = "query($id: ID!) { criteriaScoreHistory(opportunityId: $id) { value scorecardVersion"
            + " contributions { criterion points } } }";
    static final String UPDATE = "mutation($input: UpdateScorecardInput!) { updateScorecard(input: $input) {"
            + " scorecard { version note criteria { name measure weight } } errors { code field message } } }";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("openchance.plugins.dir", PLUGINS::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;

    @BeforeEach
    void setUp() throws Exception {
        api = new GraphQlClient(port);
        if (jdbc.queryForObject("select count(*) from app_user", Integer.class) == 0) {
            api.createEmployee("Sven Score", "sven@example.com");
        }
        if (!Files.exists(PLUGINS.resolve("scoring-criteria.jar"))) {
            PluginBundles.drop(
                    PLUGINS,
                    PluginBundles.jarOf("org/openchance/plugins/scoringcriteria/CriteriaScoring.class"),
                    "scoring-criteria.jar");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.data("{ scoringStrategies { id } }", Map.of())
                .get("scoringStrategies")
                .findValuesAsString("id")
                .contains("criteria"));
    }

    @Test
    void scoresAreExplainedKeptAsHistoryAndANewVersionLeavesOldScoresWithTheOldVersion() {
        String account = api.fixtures().anAccount("Kriterien GmbH", Map.of("employeeCount", 850));
        String deal = api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of(
                                "name",
                                "Bewertung",
                                "accountId",
                                account,
                                "amount",
                                money("100000"),
                                "budget",
                                money("90000"),
                                "competitorCount",
                                1,
                                "resourceAvailability",
                                "HIGH",
                                "expectedCloseDate",
                                LocalDate.now(ZoneOffset.UTC).plusDays(45).toString()))
                .at("/opportunity/id")
                .asString();

        // 850 employees → 80 (×3), budget 90 % → 70 (×3), 45 days → 70 (×2), Prospecting → 10 (×2), no partner → 40
        // (×1),
        // one competitor → 70 (×2), resources HIGH → 100 (×2) = (240 + 210 + 140 + 20 + 40 + 140 + 200) / 15 = 990 / 15
        // = 66.0
        JsonNode score = criteria(api.data(SCORES, Map.of("id", deal)));
        assertThat(score.get("value").asDouble()).isEqualTo(66.0);
        assertThat(score.get("contributions").findValuesAsString("criterion"))
                .containsExactly(
                        "Company size",
                        "Budget coverage",
                        "Time to close",
                        "Stage",
                        "Partner on team",
                        "Competition",
                        "Resources at start");
        assertThat(score.at("/contributions/0/explanation").asString())
                .isEqualTo("850 employees (250 to under 1000): 80 points, weight 3 of 15");

        // the budget grows to the amount: coverage 100 % → 100 points: (990 - 210 + 300) / 15 = 1080 / 15 = 72.0
        int version = api.data("query($id: ID!) { opportunity(id: $id) { version } }", Map.of("id", deal))
                .at("/opportunity/version")
                .asInt();
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "updateOpportunity",
                Map.of("id", deal, "expectedVersion", version, "budget", money("100000")));
        JsonNode history = await().atMost(Duration.ofSeconds(15))
                .until(() -> api.data(HISTORY, Map.of("id", deal)).get("criteriaScoreHistory"), h -> h.size() == 2);
        assertThat(history.findValues("value").stream().map(JsonNode::asDouble).toList())
                .containsExactly(72.0, 66.0);
        assertThat(history.findValues("scorecardVersion").stream()
                        .map(JsonNode::asInt)
                        .toList())
                .containsExactly(1, 1);
        assertThat(history.at("/0/contributions/1/points").asDouble()).isEqualTo(100.0);

        // a new scorecard: size (below 1000 → 50, else 100) and partner (yes 100, no 0), equal weights: (50 + 0) / 2 =
        // 25
        JsonNode saved = api.ok(
                UPDATE,
                "updateScorecard",
                Map.of(
                        "expectedVersion",
                        1,
                        "note",
                        "Simpler",
                        "criteria",
                        List.of(
                                Map.of(
                                        "name",
                                        "Size",
                                        "measure",
                                        "COMPANY_SIZE",
                                        "weight",
                                        1,
                                        "otherwisePoints",
                                        0,
                                        "bands",
                                        List.of(Map.of("upTo", 1000, "points", 50), Map.of("points", 100))),
                                Map.of(
                                        "name",
                                        "Partner",
                                        "measure",
                                        "PARTNER_ON_TEAM",
                                        "weight",
                                        1,
                                        "otherwisePoints",
                                        0,
                                        "categories",
                                        List.of(
                                                Map.of("value", "yes", "points", 100),
                                                Map.of("value", "no", "points", 0))))));
        assertThat(saved.at("/scorecard/version").asInt()).isEqualTo(2);
        assertThat(criteria(api.data(SCORES, Map.of("id", deal))).get("value").asDouble())
                .isEqualTo(25.0);
        JsonNode recomputed = await().atMost(Duration.ofSeconds(15))
                .until(() -> api.data(HISTORY, Map.of("id", deal)).get("criteriaScoreHistory"), h -> h.size() == 3);
        assertThat(recomputed.findValues("value").stream()
                        .map(JsonNode::asDouble)
                        .toList())
                .containsExactly(25.0, 72.0, 66.0);
        assertThat(recomputed.findValues("scorecardVersion").stream()
                        .map(JsonNode::asInt)
                        .toList())
                .containsExactly(2, 1, 1);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !api.data("{ scorecard { recompute { running } } }", Map.of())
                        .at("/scorecard/recompute/running")
                        .asBoolean(true));
        assertThat(api.data("{ scorecardVersions { version note } }", Map.of())
                        .get("scorecardVersions")
                        .toString())
                .isEqualTo("[{\"version\":2,\"note\":\"Simpler\"},{\"version\":1,\"note\":\"Starting scorecard\"}]");
    }

    @Test
    void invalidScorecardsAndStaleVersionsAreRefusedWithNothingSaved() {
        int current = api.data("{ scorecard { version } }", Map.of())
                .at("/scorecard/version")
                .asInt();
        JsonNode invalid = api.errors(
                UPDATE,
                "updateScorecard",
                "scorecard",
                Map.of(
                        "expectedVersion",
                        current,
                        "criteria",
                        List.of(
                                Map.of(
                                        "name",
                                        "Size",
                                        "measure",
                                        "COMPANY_SIZE",
                                        "weight",
                                        0,
                                        "otherwisePoints",
                                        0,
                                        "bands",
                                        List.of(Map.of("upTo", 1000, "points", 150))),
                                Map.of(
                                        "name",
                                        "Shoe size",
                                        "measure",
                                        "SHOE_SIZE",
                                        "weight",
                                        1,
                                        "otherwisePoints",
                                        0))));
        assertThat(invalid.findValuesAsString("field")).containsExactly("input.criteria[1].measure");
        JsonNode ranges = api.errors(
                UPDATE,
                "updateScorecard",
                "scorecard",
                Map.of(
                        "expectedVersion",
                        current,
                        "criteria",
                        List.of(Map.of(
                                "name",
                                "Size",
                                "measure",
                                "COMPANY_SIZE",
                                "weight",
                                0,
                                "otherwisePoints",
                                0,
                                "bands",
                                List.of(Map.of("upTo", 1000, "points", 150))))));
        assertThat(ranges.findValuesAsString("field"))
                .containsExactly("input.criteria[0].weight", "input.criteria[0].bands[0].points");
        JsonNode stale = api.errors(
                UPDATE,
                "updateScorecard",
                "scorecard",
                Map.of(
                        "expectedVersion",
                        current + 5,
                        "criteria",
                        List.of(Map.of(
                                "name",
                                "Partner",
                                "measure",
                                "PARTNER_ON_TEAM",
                                "weight",
                                1,
                                "otherwisePoints",
                                0,
                                "categories",
                                List.of(Map.of("value", "yes", "points", 100))))));
        assertThat(stale.findValuesAsString("code")).containsExactly("VERSION_CONFLICT");
        assertThat(api.data("{ scorecard { version } }", Map.of())
                        .at("/scorecard/version")
                        .asInt())
                .isEqualTo(current);
    }

    @Test
    void aPipelineChoosesWhichStrategyGivesTheScore() throws Exception {
        PluginBundles.drop(
                PLUGINS,
                PluginBundles.jarOf("org/openchance/plugins/examplescoring/FitScoring.class"),
                "example-scoring.jar");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.data("{ scoringStrategies { id } }", Map.of())
                .get("scoringStrategies")
                .findValuesAsString("id")
                .contains("example-fit"));
        String account = api.fixtures().anAccount("Wahl GmbH");
        String deal = api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of("name", "Wahl", "accountId", account))
                .at("/opportunity/id")
                .asString();
        String scoreOf = "query($id: ID!) { opportunity(id: $id) { score { strategy } } }";
        String set = "mutation($input: SetPipelineScoringStrategyInput!) { setPipelineScoringStrategy(input: $input) {"
                + " pipeline { scoringStrategy } errors { code field } } }";
        String pipeline =
                api.data("{ pipelines { id } }", Map.of()).at("/pipelines/0/id").asString();

        assertThat(api.data(scoreOf, Map.of("id", deal))
                        .at("/opportunity/score/strategy")
                        .asString())
                .isEqualTo("criteria"); // first by id
        assertThat(api.ok(set, "setPipelineScoringStrategy", Map.of("pipelineId", pipeline, "strategy", "example-fit"))
                        .at("/pipeline/scoringStrategy")
                        .asString())
                .isEqualTo("example-fit");
        assertThat(api.data(scoreOf, Map.of("id", deal))
                        .at("/opportunity/score/strategy")
                        .asString())
                .isEqualTo("example-fit");

        Map<String, Object> unknown = new HashMap<>(Map.of("pipelineId", pipeline, "strategy", "nope"));
        assertThat(api.errors(set, "setPipelineScoringStrategy", "pipeline", unknown)
                        .at("/0/field")
                        .asString())
                .isEqualTo("input.strategy");
        assertThat(api.errors(
                                set,
                                "setPipelineScoringStrategy",
                                "pipeline",
                                Map.of("pipelineId", "bm9wZQ", "strategy", "criteria"))
                        .at("/0/code")
                        .asString())
                .isEqualTo("NOT_FOUND");
        Map<String, Object> reset = new HashMap<>();
        reset.put("pipelineId", pipeline);
        reset.put("strategy", null);
        api.ok(set, "setPipelineScoringStrategy", reset);
        assertThat(api.data(scoreOf, Map.of("id", deal))
                        .at("/opportunity/score/strategy")
                        .asString())
                .isEqualTo("criteria");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it replaces the scorecard the other tests compute by hand
    void listsAreOrderedByTheKeptScoreWhichFollowsEditsAndNewScorecards() {
        int current = api.data("{ scorecard { version } }", Map.of())
                .at("/scorecard/version")
                .asInt();
        api.ok(
                UPDATE,
                "updateScorecard",
                Map.of(
                        "expectedVersion",
                        current,
                        "note",
                        "Competition only",
                        "criteria",
                        List.of(Map.of(
                                "name",
                                "Competition",
                                "measure",
                                "COMPETITORS",
                                "weight",
                                1,
                                "otherwisePoints",
                                0,
                                "bands",
                                List.of(
                                        Map.of("upTo", 1, "points", 100),
                                        Map.of("upTo", 2, "points", 80),
                                        Map.of("upTo", 4, "points", 60),
                                        Map.of("points", 10))))));
        String account = api.fixtures().anAccount("Reihenfolge AG");
        String create = "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) {"
                + " opportunity { id version competitorCount resourceAvailability resourcesAvailableFrom } errors { code field } } }";
        Map<String, String> ids = new HashMap<>();
        for (Object competitors : new Object[] {2, 5, 0, "unknown"}) {
            Map<String, Object> input =
                    new HashMap<>(Map.of("name", competitors + " competitors", "accountId", account));
            if (competitors instanceof Integer n) {
                input.put("competitorCount", n);
            }
            ids.put(
                    competitors.toString(),
                    api.ok(create, "createOpportunity", input)
                            .at("/opportunity/id")
                            .asString());
        }
        JsonNode recorded = api.ok(
                        create,
                        "createOpportunity",
                        Map.of(
                                "name",
                                "Recorded",
                                "accountId",
                                account,
                                "competitorCount",
                                3,
                                "resourceAvailability",
                                "MEDIUM",
                                "resourcesAvailableFrom",
                                "2027-03-01"))
                .get("opportunity");
        assertThat(recorded.get("competitorCount").asInt()).isEqualTo(3);
        assertThat(recorded.get("resourceAvailability").asString()).isEqualTo("MEDIUM");
        assertThat(recorded.get("resourcesAvailableFrom").asString()).isEqualTo("2027-03-01");
        assertThat(api.errors(
                                create,
                                "createOpportunity",
                                "opportunity",
                                Map.of("name", "Negative", "accountId", account, "competitorCount", -1))
                        .at("/0/field")
                        .asString())
                .isEqualTo("input.competitorCount");
        api.data(
                "mutation($input: DeleteOpportunityInput!) { deleteOpportunity(input: $input) { errors { code } } }",
                Map.of(
                        "input",
                        Map.of(
                                "id",
                                recorded.get("id").asString(),
                                "expectedVersion",
                                recorded.get("version").asInt())));

        String byScore =
                "query($account: ID!, $direction: OrderDirection!) { opportunities(filter: {accountId: $account},"
                        + " orderBy: [{field: SCORE, direction: $direction}]) { edges { node { name score { value } } } } }";
        // 0 competitors → 100, 2 → 60, 5 → 10, unknown → 0; the deleted one is not listed
        awaitOrder(byScore, account, "DESC", "0 competitors", "2 competitors", "5 competitors", "unknown competitors");
        awaitOrder(byScore, account, "ASC", "unknown competitors", "5 competitors", "2 competitors", "0 competitors");

        // an edit rescores: the deal with 5 competitors now has 1 → 80
        int version = api.data("query($id: ID!) { opportunity(id: $id) { version } }", Map.of("id", ids.get("5")))
                .at("/opportunity/version")
                .asInt();
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "updateOpportunity",
                Map.of("id", ids.get("5"), "expectedVersion", version, "competitorCount", 1));
        awaitOrder(byScore, account, "DESC", "0 competitors", "5 competitors", "2 competitors", "unknown competitors");

        // a new scorecard version turns the order round once the sweep has rescored with it
        int next = api.data("{ scorecard { version } }", Map.of())
                .at("/scorecard/version")
                .asInt();
        api.ok(
                UPDATE,
                "updateScorecard",
                Map.of(
                        "expectedVersion",
                        next,
                        "note",
                        "More competitors, bigger market",
                        "criteria",
                        List.of(Map.of(
                                "name",
                                "Competition",
                                "measure",
                                "COMPETITORS",
                                "weight",
                                1,
                                "otherwisePoints",
                                75,
                                "bands",
                                List.of(
                                        Map.of("upTo", 1, "points", 0),
                                        Map.of("upTo", 2, "points", 30),
                                        Map.of("upTo", 3, "points", 50),
                                        Map.of("points", 100))))));
        // unknown → 75, 2 → 50, 1 → 30, 0 → 0
        awaitOrder(byScore, account, "DESC", "unknown competitors", "2 competitors", "5 competitors", "0 competitors");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(jdbc.queryForObject("""
                select count(*) from opportunity o left join opportunity_score sc on sc.opportunity_id = o.id
                where o.deleted_at is null and sc.revision is distinct from ?""", Integer.class, String.valueOf(next + 1)))
                        .as("every opportunity's kept score is under the new version, whatever its id")
                        .isZero());
        JsonNode turned = api.data(byScore, Map.of("account", account, "direction", "DESC"));
        assertThat(turned.at("/opportunities/edges").findValues("value").stream()
                        .map(JsonNode::asDouble)
                        .toList())
                .as("the kept order agrees with the live scores")
                .containsExactly(75.0, 50.0, 30.0, 0.0);

        // the opportunity's own score history: every version it was scored with, newest first
        JsonNode history = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.data(
                                        "query($id: ID!) { opportunity(id: $id) { scoreHistory { value scorecardVersion } } }",
                                        Map.of("id", ids.get("0")))
                                .at("/opportunity/scoreHistory"),
                        h -> h.size() >= 2 && h.at("/0/scorecardVersion").asInt() == next + 1);
        assertThat(history.at("/0/value").asDouble()).isEqualTo(0.0);
        assertThat(history.at("/1/value").asDouble()).isEqualTo(100.0);

        // the same for a page of the account's deals, read in one batch: a deal asked for twice (two aliases) gets its
        // own entries in each, as many as asked for, with their contributions
        JsonNode page = api.data(
                        "query($account: ID!) { opportunities(first: 10, filter: { accountId: $account }) { edges { node {"
                                + " id a: scoreHistory(first: 2) { value scorecardVersion contributions { criterion } }"
                                + " b: scoreHistory(first: 2) { value scorecardVersion contributions { criterion } }"
                                + " one: scoreHistory(first: 1) { value } } } } }",
                        Map.of("account", account))
                .at("/opportunities/edges");
        assertThat(page.size()).isEqualTo(4);
        for (JsonNode edge : page) {
            JsonNode a = edge.at("/node/a");
            assertThat(a.size()).as(edge.toString()).isBetween(1, 2); // never the 2 × N of a deal read twice
            assertThat(edge.at("/node/b")).isEqualTo(a);
            assertThat(a.at("/0/contributions").size()).isPositive();
            assertThat(edge.at("/node/one").size()).isOne();
            assertThat(edge.at("/node/one/0/value")).isEqualTo(a.at("/0/value"));
            if (edge.at("/node/id").asString().equals(ids.get("0"))) {
                assertThat(a.at("/0/value").asDouble()).isEqualTo(0.0);
                assertThat(a.at("/1/value").asDouble()).isEqualTo(100.0);
            }
        }

        assertThat(api.execute(
                                "query($date: Date!) { opportunitiesAsOf(date: $date, orderBy: [{field: SCORE}]) { totalCount } }",
                                Map.of("date", "2026-01-01"))
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("VALIDATION");
    }

    private void awaitOrder(String query, String account, String direction, String... names) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(api.data(query, Map.of("account", account, "direction", direction))
                                .at("/opportunities/edges")
                                .findValuesAsString("name"))
                        .containsExactly(names));
    }

    private static JsonNode criteria(JsonNode data) {
        for (JsonNode score : data.at("/opportunity/scores")) {
            if (score.get("strategy").asString().equals("criteria")) {
                return score;
            }
        }
        throw new AssertionError("no criteria score in " + data);
    }

    private static Map<String, String> money(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }
}

package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.server.graphql.GlobalId;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The opportunity lifecycle through the GraphQL endpoint, against real PostgreSQL. */
@ServerTest
class OpportunityApiIT {

    static final String OPPORTUNITY = """
            fragment O on Opportunity { id name version probability status forecastCategory expectedCloseDate
              amount { amount currency } budget { amount currency } stage { id name } owner { name }
              account { name } team { user { name } role }
              closeDetails { outcome closedAt reasons lostAtStage { name } winningCompetitorId note } }
            """;
    static final String CREATE = OPPORTUNITY
            + "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { ...O } errors { code message field } } }";
    static final String UPDATE = OPPORTUNITY
            + "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { ...O } errors { code message field } } }";
    static final String MOVE = OPPORTUNITY
            + "mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { opportunity { ...O } errors { code message field } } }";
    static final String CLOSE = OPPORTUNITY
            + "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { opportunity { ...O } errors { code message field } } }";
    static final String REOPEN = OPPORTUNITY
            + "mutation($input: ReopenOpportunityInput!) { reopenOpportunity(input: $input) { opportunity { ...O } errors { code message field } } }";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;
    String accountId;
    Map<String, String> stages = new HashMap<>();

    @BeforeEach
    void setUp() {
        // Records made here are owned by a named employee (an admin too), not by the start-up admin.
        api = new GraphQlClient(port).fixtures().signedInEmployee("Erika Mustermann", "erika@example.com");
        accountId = api.fixtures()
                .anAccount(
                        "Müller Maschinenbau GmbH",
                        Map.of(
                                "industry",
                                "Machinery",
                                "employeeCount",
                                250,
                                "annualRevenue",
                                Map.of("amount", "48000000.00", "currency", "EUR")));
        for (JsonNode stage : api.data("{ pipelines { isDefault stages { id name } } }", Map.of())
                .at("/pipelines/0/stages")) {
            stages.put(stage.get("name").asString(), stage.get("id").asString());
        }
    }

    JsonNode create(Map<String, Object> extra) {
        Map<String, Object> input = new HashMap<>(Map.of("name", "Anlage 7", "accountId", accountId));
        input.putAll(extra);
        return api.ok(CREATE, "createOpportunity", input).get("opportunity");
    }

    @Test
    void createsWithStageDefaultsAndExactMoney() {
        JsonNode o = create(Map.of(
                "amount",
                Map.of("amount", "120000.10", "currency", "EUR"),
                "budget",
                Map.of("amount", "100000", "currency", "EUR"),
                "expectedCloseDate",
                "2027-03-31"));
        assertThat(o.at("/stage/name").asString()).isEqualTo("Prospecting");
        assertThat(o.get("probability").asInt()).isEqualTo(10);
        assertThat(o.get("forecastCategory").asString()).isEqualTo("PIPELINE");
        assertThat(o.get("status").asString()).isEqualTo("OPEN");
        assertThat(o.at("/amount/amount").asString()).isEqualTo("120000.10");
        assertThat(o.at("/budget/amount").asString()).isEqualTo("100000.00");
        assertThat(o.get("expectedCloseDate").asString()).isEqualTo("2027-03-31");
        assertThat(o.at("/owner/name").asString()).isEqualTo("Erika Mustermann");
        assertThat(o.at("/account/name").asString()).isEqualTo("Müller Maschinenbau GmbH");
        assertThat(o.get("version").asInt()).isZero();
    }

    @Test
    void invalidInputNamesEveryFieldAndWritesNothing() {
        int before = count();
        JsonNode errors = api.errors(
                CREATE,
                "createOpportunity",
                "opportunity",
                Map.of(
                        "name",
                        " ",
                        "accountId",
                        accountId,
                        "probability",
                        150,
                        "amount",
                        Map.of("amount", "-1", "currency", "EURO")));
        assertThat(errors.findValuesAsString("field"))
                .contains("input.name", "input.probability", "input.amount.amount", "input.amount.currency");
        assertThat(errors.findValuesAsString("code")).containsOnly("VALIDATION");
        assertThat(count()).isEqualTo(before);

        JsonNode notFound = api.errors(
                CREATE, "createOpportunity", "opportunity", Map.of("name", "x", "accountId", "QWNjb3VudDpub3BlIQ"));
        assertThat(notFound.get(0).get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(notFound.get(0).get("field").asString()).isEqualTo("input.accountId");
    }

    @Test
    void anAmountWithAHugeExponentIsAValidationErrorOfItsFieldNotAnInternalError() {
        int before = count();
        // 1E+2147483647: precision minus scale overflowed an int and passed the size check, then failed in PostgreSQL
        for (String huge : List.of("1E+2147483647", "1E+20", "9999999999999999")) {
            JsonNode errors = api.errors(
                    CREATE,
                    "createOpportunity",
                    "opportunity",
                    Map.of(
                            "name",
                            "Riesig",
                            "accountId",
                            accountId,
                            "amount",
                            Map.of("amount", huge, "currency", "EUR")));
            assertThat(errors.findValuesAsString("field")).as(huge).containsExactly("input.amount.amount");
            assertThat(errors.findValuesAsString("code")).as(huge).containsOnly("VALIDATION");
        }
        // as a filter's bound: a VALIDATION error naming the argument
        JsonNode response = api.execute(
                "{ opportunities(first: 1, filter: { amountMin: \"1E+2147483647\" }) { totalCount } }", Map.of());
        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
        assertThat(response.at("/errors/0/message").asString()).contains("filter.amountMin");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void decimalsAreStringsNotBinaryFloatingPoint() {
        JsonNode response = api.execute(
                CREATE,
                Map.of(
                        "input",
                        Map.of(
                                "name",
                                "x",
                                "accountId",
                                accountId,
                                "amount",
                                Map.of("amount", 0.1, "currency", "EUR"))));
        assertThat(response.get("errors").get(0).get("message").asString()).contains("Decimal must be a string");
    }

    @Test
    void staleVersionIsRejectedAndNothingWritten() {
        JsonNode o = create(Map.of());
        String id = o.get("id").asString();
        api.ok(UPDATE, "updateOpportunity", Map.of("id", id, "expectedVersion", 0, "name", "First"));
        JsonNode errors = api.errors(
                UPDATE,
                "updateOpportunity",
                "opportunity",
                Map.of("id", id, "expectedVersion", 0, "name", "Second", "probability", 55));
        assertThat(errors.get(0).get("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(errors.get(0).get("field").asString()).isEqualTo("input.expectedVersion");
        assertThat(jdbc.queryForObject(
                        "select name from opportunity where version = 1 and probability = 10 and id = ?",
                        String.class,
                        java.util.UUID.fromString(rawId(id))))
                .isEqualTo("First");
    }

    @Test
    void ofTwoHundredParallelUpdatesWithTheSameVersionExactlyOneWins() throws Exception {
        String id = create(Map.of()).get("id").asString();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<JsonNode>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int probability = 30 + i % 50; // never the default (10) it has
            results.add(pool.submit((Callable<JsonNode>) () -> api.data(
                            UPDATE, Map.of("input", Map.of("id", id, "expectedVersion", 0, "probability", probability)))
                    .get("updateOpportunity")));
        }
        int wins = 0;
        int conflicts = 0;
        for (Future<JsonNode> result : results) {
            JsonNode payload = result.get();
            if (payload.get("errors").isEmpty()) {
                wins++;
            } else {
                assertThat(payload.at("/errors/0/code").asString()).isEqualTo("VERSION_CONFLICT");
                conflicts++;
            }
        }
        pool.shutdown();
        assertThat(wins).isOne();
        assertThat(conflicts).isEqualTo(199);
        java.util.UUID uuid = java.util.UUID.fromString(rawId(id));
        assertThat(jdbc.queryForObject("select version from opportunity where id = ?", Integer.class, uuid))
                .isOne();
        assertThat(jdbc.queryForObject(
                        "select count(*) from opportunity_history where opportunity_id = ? and field = 'probability'",
                        Integer.class,
                        uuid))
                .isOne();
    }

    @Test
    void stageMoveSetsDefaultProbabilityUnlessSetByHandSinceTheLastMove() {
        JsonNode o = create(Map.of());
        String id = o.get("id").asString();
        o = api.ok(
                        MOVE,
                        "moveOpportunityStage",
                        Map.of("id", id, "expectedVersion", 0, "stageId", stages.get("Qualification")))
                .get("opportunity");
        assertThat(o.get("probability").asInt()).isEqualTo(20);
        o = api.ok(UPDATE, "updateOpportunity", Map.of("id", id, "expectedVersion", 1, "probability", 35))
                .get("opportunity");
        o = api.ok(
                        MOVE,
                        "moveOpportunityStage",
                        Map.of("id", id, "expectedVersion", 2, "stageId", stages.get("Needs Analysis")))
                .get("opportunity");
        assertThat(o.get("probability").asInt()).as("set by hand: kept").isEqualTo(35);
        o = api.ok(
                        MOVE,
                        "moveOpportunityStage",
                        Map.of("id", id, "expectedVersion", 3, "stageId", stages.get("Proposal")))
                .get("opportunity");
        assertThat(o.get("probability").asInt())
                .as("not touched since the last move: default")
                .isEqualTo(60);
        assertThat(o.get("forecastCategory").asString()).isEqualTo("BEST_CASE");

        JsonNode history = api.data(
                        "query($id: ID!) { opportunity(id: $id) { history(first: 50) { totalCount edges { node { field oldValue newValue changedBy { name } } } } } }",
                        Map.of("id", id))
                .at("/opportunity/history");
        List<String> changes = new ArrayList<>();
        history.get("edges")
                .forEach(e -> changes.add(e.at("/node/field").asString() + ":"
                        + e.at("/node/newValue").asString()));
        assertThat(changes)
                .containsExactly(
                        "stage:" + stages.get("Qualification"),
                        "probability:20",
                        "probability:35",
                        "stage:" + stages.get("Needs Analysis"),
                        "stage:" + stages.get("Proposal"),
                        "probability:60",
                        "forecastCategory:BEST_CASE");
        assertThat(history.get("totalCount").asInt()).isEqualTo(7);
        assertThat(history.at("/edges/0/node/changedBy/name").asString()).isEqualTo("Erika Mustermann");
    }

    @Test
    void closingLostNeedsAReasonRecordsTheStageAndBlocksDealEditsUntilReopened() {
        String id = create(Map.of("stageId", stages.get("Proposal"))).get("id").asString();
        JsonNode noReason = api.errors(
                CLOSE, "closeOpportunity", "opportunity", Map.of("id", id, "expectedVersion", 0, "outcome", "LOST"));
        assertThat(noReason.get(0).get("field").asString()).isEqualTo("input.reasons");
        JsonNode unknown = api.errors(
                CLOSE,
                "closeOpportunity",
                "opportunity",
                Map.of("id", id, "expectedVersion", 0, "outcome", "LOST", "reasons", List.of("Bad weather")));
        assertThat(unknown.get(0).get("message").asString()).contains("Bad weather");

        JsonNode o = api.ok(
                        CLOSE,
                        "closeOpportunity",
                        Map.of(
                                "id",
                                id,
                                "expectedVersion",
                                0,
                                "outcome",
                                "LOST",
                                "reasons",
                                List.of("Price", "Lost to competitor"),
                                "winningCompetitorId",
                                "competitor-42",
                                "closedAt",
                                "2026-11-20",
                                "note",
                                "They were 20 % cheaper"))
                .get("opportunity");
        assertThat(o.get("status").asString()).isEqualTo("LOST");
        assertThat(o.get("probability").asInt()).isZero();
        assertThat(o.at("/stage/name").asString()).isEqualTo("Closed Lost");
        assertThat(o.at("/closeDetails/lostAtStage/name").asString()).isEqualTo("Proposal");
        assertThat(o.at("/closeDetails/reasons").toString()).isEqualTo("[\"Price\",\"Lost to competitor\"]");
        assertThat(o.at("/closeDetails/winningCompetitorId").asString()).isEqualTo("competitor-42");
        assertThat(o.at("/closeDetails/closedAt").asString()).isEqualTo("2026-11-20");

        JsonNode blocked = api.errors(
                UPDATE,
                "updateOpportunity",
                "opportunity",
                Map.of("id", id, "expectedVersion", 1, "amount", Map.of("amount", "5", "currency", "EUR")));
        assertThat(blocked.get(0).get("code").asString()).isEqualTo("INVALID_TRANSITION");
        JsonNode again = api.errors(
                CLOSE, "closeOpportunity", "opportunity", Map.of("id", id, "expectedVersion", 1, "outcome", "WON"));
        assertThat(again.get(0).get("code").asString()).isEqualTo("INVALID_TRANSITION");

        o = api.ok(REOPEN, "reopenOpportunity", Map.of("id", id, "expectedVersion", 1))
                .get("opportunity");
        assertThat(o.get("status").asString()).isEqualTo("OPEN");
        assertThat(o.at("/stage/name").asString()).isEqualTo("Proposal");
        assertThat(o.get("probability").asInt()).isEqualTo(60);
        assertThat(o.get("closeDetails").isNull()).isTrue();
    }

    @Test
    void wonOpportunityReopensInTheStageItCameFrom() {
        String id =
                create(Map.of("stageId", stages.get("Negotiation"))).get("id").asString();
        JsonNode o = api.ok(
                        CLOSE,
                        "closeOpportunity",
                        Map.of("id", id, "expectedVersion", 0, "outcome", "WON", "reasons", List.of("Product fit")))
                .get("opportunity");
        assertThat(o.get("forecastCategory").asString()).isEqualTo("CLOSED");
        assertThat(o.get("probability").asInt()).isEqualTo(100);
        o = api.ok(REOPEN, "reopenOpportunity", Map.of("id", id, "expectedVersion", 1))
                .get("opportunity");
        assertThat(o.at("/stage/name").asString()).isEqualTo("Negotiation");
    }

    @Test
    void teamHoldsEmployeesAndExternalPartners() {
        String partner = api.ok(
                        "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { code } } }",
                        "createUser",
                        Map.of(
                                "name",
                                "Piet Partner",
                                "email",
                                "piet-" + System.nanoTime() + "@partner.example",
                                "kind",
                                "PARTNER",
                                "company",
                                "Partner BV"))
                .at("/user/id")
                .asString();
        String id = create(Map.of()).get("id").asString();
        String add = OPPORTUNITY
                + "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { opportunity { ...O } errors { code field } } }";
        JsonNode o = api.ok(
                        add,
                        "addTeamMember",
                        Map.of("opportunityId", id, "userId", partner, "role", "Implementation partner"))
                .get("opportunity");
        assertThat(o.get("team").toString()).contains("Piet Partner", "Implementation partner");
        JsonNode twice = api.errors(
                add, "addTeamMember", "opportunity", Map.of("opportunityId", id, "userId", partner, "role", "x"));
        assertThat(twice.get(0).get("field").asString()).isEqualTo("input.userId");
        String remove = OPPORTUNITY
                + "mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { opportunity { ...O } errors { code field } } }";
        assertThat(api.ok(remove, "removeTeamMember", Map.of("opportunityId", id, "userId", partner))
                        .at("/opportunity/team")
                        .size())
                .isZero();
    }

    @Test
    void deletedOpportunitiesLeaveListsAndCanBeRestored() {
        String id = create(Map.of("name", "Soon gone")).get("id").asString();
        String delete =
                "mutation($input: DeleteOpportunityInput!) { deleteOpportunity(input: $input) { opportunity { id version } errors { code } } }";
        api.ok(delete, "deleteOpportunity", Map.of("id", id, "expectedVersion", 0));
        assertThat(api.data("query($id: ID!) { opportunity(id: $id) { id } }", Map.of("id", id))
                        .get("opportunity")
                        .isNull())
                .isTrue();
        String restore =
                "mutation($input: RestoreOpportunityInput!) { restoreOpportunity(input: $input) { opportunity { id name } errors { code } } }";
        assertThat(api.ok(restore, "restoreOpportunity", Map.of("id", id, "expectedVersion", 1))
                        .at("/opportunity/name")
                        .asString())
                .isEqualTo("Soon gone");
    }

    @Test
    void pageSizeAboveTheCapIsAnErrorNotClamped() {
        JsonNode response = api.execute("{ opportunities(first: 101) { edges { node { id } } } }", Map.of());
        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
        assertThat(response.at("/errors/0/message").asString())
                .contains("first")
                .contains("100");
    }

    @Test
    void requestsOverTheLimitsAreRejectedWithTheirCode() {
        String deep =
                "{ opportunities { edges { node { account { owner { manager { manager { manager { manager { manager { manager { manager { manager { name } } } } } } } } } } } } } }";
        JsonNode tooDeep = api.execute(deep, Map.of());
        assertThat(tooDeep.at("/errors/0/extensions/code").asString())
                .as(tooDeep.toString())
                .isEqualTo("QUERY_TOO_DEEP");
        String costly =
                "{ opportunities(first: 100) { edges { node { account { opportunities(first: 100) { edges { node { team { user { name } } } } } } } } } }";
        assertThat(api.execute(costly, Map.of()).at("/errors/0/extensions/code").asString())
                .isEqualTo("QUERY_TOO_COMPLEX");
        // a count is priced as what it reads: one per item of a long page is refused, many aliased heavy ones too,
        // while one count with a full page passes
        String countPerItem = "{ accounts(first: 100) { edges { node { opportunities { totalCount } } } } }";
        assertThat(api.execute(countPerItem, Map.of())
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("QUERY_TOO_COMPLEX");
        StringBuilder asOf = new StringBuilder("{");
        for (int i = 0; i < 10; i++) {
            asOf.append(String.format(
                    " p%d: opportunitiesAsOf(date: \"2026-01-%02d\", first: 1) { totalCount }", i, i + 1));
        }
        assertThat(api.execute(asOf + " }", Map.of())
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("QUERY_TOO_COMPLEX");
        // a later page's count is read on its own: priced as such, batched list or not
        String laterCounts = "{ opportunities(first: 100) { edges { node { activities(first: 1, after: \"x\") {"
                + " totalCount } } } } }";
        assertThat(api.execute(laterCounts, Map.of())
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("QUERY_TOO_COMPLEX");
        JsonNode fullPage = api.execute(
                "{ opportunities(first: 100) { totalCount pageInfo { hasNextPage } edges { node { id name } } } }",
                Map.of());
        assertThat(fullPage.has("errors")).as(fullPage.toString()).isFalse();
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            aliases.append(" a").append(i).append(": serverInfo { name }");
        }
        assertThat(api.execute(aliases + " }", Map.of())
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("TOO_MANY_ALIASES");
    }

    @Test
    void aDocumentOverSixtyFourKilobytesIsRefusedBeforeItIsParsedAndTheNextRequestIsFine() {
        // a valid query padded with a comment: graphql-java alone would parse up to a million characters of it
        String padded = "{ serverInfo { name } }\n#" + "x".repeat(70_000);
        JsonNode refused = api.execute(padded, Map.of());
        assertThat(refused.at("/errors/0/extensions/code").asString())
                .as(refused.toString())
                .isEqualTo("QUERY_TOO_LARGE");
        assertThat(refused.path("data").isMissingNode() || refused.path("data").isNull())
                .isTrue();
        String justUnder = "{ serverInfo { name } }\n#" + "x".repeat(60_000);
        assertThat(api.data(justUnder, Map.of()).at("/serverInfo/name").asString())
                .isNotEmpty();
    }

    private int count() {
        return jdbc.queryForObject("select count(*) from opportunity", Integer.class);
    }

    static String rawId(String apiId) {
        return GlobalId.decode(apiId).orElseThrow().uuid().toString();
    }
}

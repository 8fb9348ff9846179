package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The sales process as configuration: a second pipeline beside the first, its stages, rules and close reasons. */
@ServerTest
class PipelineConfigurationIT {

    static final String PIPELINE = "fragment P on Pipeline { id name version isDefault archived lostRequiresReason"
            + " lostRequiresCompetitor stages { id name position defaultProbability forecastCategory isClosed isWon"
            + " requiredFields } lost: closeReasons(outcome: LOST) retired: closeReasons(outcome: LOST,"
            + " includeRetired: true) }\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;

    private JsonNode configure(String mutation, String inputType, Map<String, ?> input) {
        return api.ok(
                        PIPELINE + "mutation($input: " + inputType + "!) { " + mutation
                                + "(input: $input) { pipeline { ...P } errors { code field message } } }",
                        mutation,
                        input)
                .get("pipeline");
    }

    private JsonNode refused(String mutation, String inputType, Map<String, ?> input) {
        return api.errors(
                PIPELINE + "mutation($input: " + inputType + "!) { " + mutation
                        + "(input: $input) { pipeline { ...P } errors { code field message } } }",
                mutation,
                "pipeline",
                input);
    }

    private static List<String> stageNames(JsonNode pipeline) {
        List<String> names = new ArrayList<>();
        pipeline.get("stages")
                .forEach(s -> names.add(
                        s.get("position").asInt() + " " + s.get("name").asString()));
        return names;
    }

    private static String stageId(JsonNode pipeline, String name) {
        for (JsonNode s : pipeline.get("stages")) {
            if (s.get("name").asString().equals(name)) {
                return s.get("id").asString();
            }
        }
        throw new AssertionError("no stage " + name + " in " + pipeline);
    }

    private JsonNode renewals() {
        return configure(
                "createPipeline",
                "CreatePipelineInput",
                Map.of(
                        "name",
                        "Renewals",
                        "stages",
                        List.of(
                                Map.of(
                                        "name",
                                        "Contract review",
                                        "defaultProbability",
                                        30,
                                        "requiredFields",
                                        List.of("amount")),
                                Map.of(
                                        "name",
                                        "Renewal offer",
                                        "defaultProbability",
                                        60,
                                        "forecastCategory",
                                        "BEST_CASE",
                                        "requiredFields",
                                        List.of("expectedCloseDate", "contacts"))),
                        "wonStageName",
                        "Renewed",
                        "lostStageName",
                        "Churned",
                        "wonReasons",
                        List.of("Happy customer"),
                        "lostReasons",
                        List.of("Price", "Moved to competitor", "Budget cut")));
    }

    private String deal(String name, String pipelineId, Map<String, Object> more) {
        Map<String, Object> fields = new java.util.HashMap<>(more);
        if (pipelineId != null) {
            fields.put("pipelineId", pipelineId);
        }
        return api.fixtures().anOpportunity(api.fixtures().anAccount(name + " GmbH"), name, fields);
    }

    private int version(String deal) {
        return api.data("query($id: ID!) { opportunity(id: $id) { version } }", Map.of("id", deal))
                .at("/opportunity/version")
                .asInt();
    }

    private JsonNode move(String deal, String stage) {
        return api.data(
                        "mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) {"
                                + " opportunity { stage { name } probability } errors { code field message } } }",
                        Map.of("input", Map.of("id", deal, "expectedVersion", version(deal), "stageId", stage)))
                .get("moveOpportunityStage");
    }

    private JsonNode close(String deal, String outcome, List<String> reasons) {
        return api.data(
                        "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) {"
                                + " opportunity { status stage { name } closeDetails { reasons } }"
                                + " errors { code field message } } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "id",
                                        deal,
                                        "expectedVersion",
                                        version(deal),
                                        "outcome",
                                        outcome,
                                        "reasons",
                                        reasons)))
                .get("closeOpportunity");
    }

    @Test
    void aSecondPipelineWorksBesideTheFirstWithItsOwnStagesRulesAndReasons() {
        api = new GraphQlClient(port);
        JsonNode renewals = renewals();
        assertThat(stageNames(renewals))
                .containsExactly("1 Contract review", "2 Renewal offer", "3 Renewed", "4 Churned");
        assertThat(renewals.at("/stages/2/isWon").asBoolean()).isTrue();
        assertThat(renewals.at("/stages/3/isClosed").asBoolean()).isTrue();
        assertThat(renewals.at("/stages/1/requiredFields").toString())
                .isEqualTo("[\"expectedCloseDate\",\"contacts\"]");
        assertThat(renewals.get("isDefault").asBoolean()).isFalse();
        String pipeline = renewals.get("id").asString();
        JsonNode both = api.data("{ pipelines { name } }", Map.of()).get("pipelines");
        assertThat(both.toString()).contains("\"Sales\"").contains("\"Renewals\"");

        // side by side: a deal in each, each moving through its own pipeline's stages
        String sales = deal("Neukunde", null, Map.of());
        String renewal = deal("Verlängerung", pipeline, Map.of("amount", Map.of("amount", "12000", "currency", "EUR")));
        assertThat(api.data(
                                "query($id: ID!) { opportunity(id: $id) { pipeline { name } stage { name } } }",
                                Map.of("id", renewal))
                        .at("/opportunity/stage/name")
                        .asString())
                .isEqualTo("Contract review");
        JsonNode foreign = move(sales, stageId(renewals, "Renewal offer"));
        assertThat(foreign.at("/errors/0/code").asString()).isEqualTo("NOT_FOUND");

        // the stage's rules: both missing fields named, nothing written; once they are there, the move is made
        int before = version(renewal);
        JsonNode ruled = move(renewal, stageId(renewals, "Renewal offer"));
        assertThat(ruled.get("errors").findValuesAsString("field")).containsExactly("expectedCloseDate", "contacts");
        assertThat(ruled.at("/errors/0/code").asString()).isEqualTo("VALIDATION");
        assertThat(version(renewal)).isEqualTo(before);
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { errors { code } } }",
                "updateOpportunity",
                Map.of(
                        "id",
                        renewal,
                        "expectedVersion",
                        before,
                        "expectedCloseDate",
                        LocalDate.now().plusMonths(3).toString()));
        String contact = api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                        "createContact",
                        Map.of("lastName", "Vertrag"))
                .at("/contact/id")
                .asString();
        api.ok(
                "mutation($input: AddOpportunityContactInput!) { addOpportunityContact(input: $input) { errors { code } } }",
                "addOpportunityContact",
                Map.of("opportunityId", renewal, "contactId", contact, "role", "Einkauf"));
        JsonNode moved = move(renewal, stageId(renewals, "Renewal offer"));
        assertThat(moved.get("errors").size()).as(moved.toString()).isZero();
        assertThat(moved.at("/opportunity/probability").asInt()).isEqualTo(60);

        // reorder: a new first stage, then the offer moves to the front; positions stay 1, 2, 3 ...
        JsonNode added = configure(
                "addStage",
                "AddStageInput",
                Map.of(
                        "pipelineId",
                        pipeline,
                        "expectedVersion",
                        renewals.get("version").asInt(),
                        "position",
                        1,
                        "name",
                        "Kick-off",
                        "defaultProbability",
                        10));
        assertThat(stageNames(added))
                .containsExactly("1 Kick-off", "2 Contract review", "3 Renewal offer", "4 Renewed", "5 Churned");
        JsonNode reordered = configure(
                "moveStage",
                "MoveStageInput",
                Map.of(
                        "id",
                        stageId(added, "Renewal offer"),
                        "expectedVersion",
                        added.get("version").asInt(),
                        "position",
                        1));
        assertThat(stageNames(reordered))
                .containsExactly("1 Renewal offer", "2 Kick-off", "3 Contract review", "4 Renewed", "5 Churned");
        // a change made on an old version is refused
        JsonNode stale = refused(
                "moveStage",
                "MoveStageInput",
                Map.of(
                        "id",
                        stageId(added, "Kick-off"),
                        "expectedVersion",
                        added.get("version").asInt(),
                        "position",
                        3));
        assertThat(stale.at("/0/code").asString()).isEqualTo("VERSION_CONFLICT");

        // removing a stage with a deal in it: refused without a target; with one, the deal moves, with history
        int version = reordered.get("version").asInt();
        JsonNode noTarget = refused(
                "removeStage",
                "RemoveStageInput",
                Map.of("id", stageId(reordered, "Renewal offer"), "expectedVersion", version));
        assertThat(noTarget.at("/0/field").asString()).isEqualTo("input.moveOpportunitiesToStageId");
        JsonNode removed = configure(
                "removeStage",
                "RemoveStageInput",
                Map.of(
                        "id", stageId(reordered, "Renewal offer"),
                        "expectedVersion", version,
                        "moveOpportunitiesToStageId", stageId(reordered, "Contract review")));
        assertThat(stageNames(removed)).containsExactly("1 Kick-off", "2 Contract review", "3 Renewed", "4 Churned");
        JsonNode after = api.data(
                        "query($id: ID!) { opportunity(id: $id) { stage { name } history(first: 100) { edges { node {"
                                + " field newValue changedBy { email } } } } } }",
                        Map.of("id", renewal))
                .get("opportunity");
        assertThat(after.at("/stage/name").asString()).isEqualTo("Contract review");
        JsonNode lastStageChange = null;
        for (JsonNode edge : after.at("/history/edges")) {
            if (edge.at("/node/field").asString().equals("stage")) {
                lastStageChange = edge.get("node");
            }
        }
        assertThat(lastStageChange.get("newValue").asString()).isEqualTo(stageId(reordered, "Contract review"));
        assertThat(lastStageChange.at("/changedBy/email").asString()).isEqualTo(GraphQlClient.ADMIN_EMAIL);

        // close reasons: a deal lost for a reason keeps it after the reason is retired; it is no longer offered
        String early = deal("Früh verloren", pipeline, Map.of());
        assertThat(close(early, "LOST", List.of("Price")).get("errors").size()).isZero();
        JsonNode retired = configure(
                "retireCloseReason",
                "CloseReasonInput",
                Map.of(
                        "pipelineId",
                        pipeline,
                        "expectedVersion",
                        removed.get("version").asInt(),
                        "outcome",
                        "LOST",
                        "reason",
                        "Price"));
        assertThat(retired.get("lost").toString()).isEqualTo("[\"Moved to competitor\",\"Budget cut\"]");
        assertThat(retired.get("retired").toString()).contains("Price");
        assertThat(close(deal("Später", pipeline, Map.of()), "LOST", List.of("Price"))
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("input.reasons");
        assertThat(api.data(
                                "query($id: ID!) { opportunity(id: $id) { closeDetails { reasons } } }",
                                Map.of("id", early))
                        .at("/opportunity/closeDetails/reasons/0")
                        .asString())
                .isEqualTo("Price");
        // a renamed reason is renamed on the deals that gave it
        String competitor = deal("An Wettbewerb", pipeline, Map.of());
        assertThat(close(competitor, "LOST", List.of("Moved to competitor"))
                        .at("/opportunity/stage/name")
                        .asString())
                .isEqualTo("Churned");
        configure(
                "renameCloseReason",
                "CloseReasonInput",
                Map.of(
                        "pipelineId", pipeline,
                        "expectedVersion", retired.get("version").asInt(),
                        "outcome", "LOST",
                        "reason", "Moved to competitor",
                        "newName", "Lost to competitor"));
        assertThat(api.data(
                                "query($id: ID!) { opportunity(id: $id) { closeDetails { reasons } } }",
                                Map.of("id", competitor))
                        .at("/opportunity/closeDetails/reasons/0")
                        .asString())
                .isEqualTo("Lost to competitor");

        // the first pipeline is untouched by all of it
        JsonNode sales0 =
                api.data(PIPELINE + "{ pipelines { ...P } }", Map.of()).at("/pipelines/0");
        assertThat(sales0.get("name").asString()).isEqualTo("Sales");
        assertThat(sales0.get("stages").size()).isEqualTo(7);
        assertThat(sales0.get("lost").toString()).contains("Price");
    }

    @Test
    void badConfigurationIsRefusedNamingTheFieldAndNothingIsWritten() {
        api = new GraphQlClient(port);
        Integer pipelines = jdbc.queryForObject("select count(*) from pipeline", Integer.class);
        Integer stages = jdbc.queryForObject("select count(*) from stage", Integer.class);
        Map<String, Object> good = Map.of("name", "Beratung", "defaultProbability", 20);

        assertThat(refused(
                                "createPipeline",
                                "CreatePipelineInput",
                                Map.of("name", "Doppelt", "stages", List.of(good, good)))
                        .findValuesAsString("field"))
                .contains("input.stages[1].name");
        assertThat(refused(
                                "createPipeline",
                                "CreatePipelineInput",
                                Map.of(
                                        "name",
                                        "Zu hoch",
                                        "stages",
                                        List.of(Map.of("name", "A", "defaultProbability", 101))))
                        .findValuesAsString("field"))
                .containsExactly("input.stages[0].defaultProbability");
        assertThat(refused(
                                "createPipeline",
                                "CreatePipelineInput",
                                Map.of(
                                        "name",
                                        "Geschlossen",
                                        "stages",
                                        List.of(Map.of(
                                                "name", "A", "defaultProbability", 50, "forecastCategory", "CLOSED"))))
                        .findValuesAsString("field"))
                .containsExactly("input.stages[0].forecastCategory");
        assertThat(refused("createPipeline", "CreatePipelineInput", Map.of("name", "Leer", "stages", List.of()))
                        .findValuesAsString("field"))
                .containsExactly("input.stages");
        assertThat(refused("createPipeline", "CreatePipelineInput", Map.of("name", "sales", "stages", List.of(good)))
                        .findValuesAsString("field"))
                .containsExactly("input.name");
        assertThat(refused(
                                "createPipeline",
                                "CreatePipelineInput",
                                Map.of(
                                        "name",
                                        "Regeln",
                                        "stages",
                                        List.of(Map.of(
                                                "name",
                                                "A",
                                                "defaultProbability",
                                                5,
                                                "requiredFields",
                                                List.of("shoeSize")))))
                        .at("/0/message")
                        .asString())
                .contains("shoeSize");

        JsonNode sales = api.data(PIPELINE + "{ pipelines { ...P } }", Map.of()).at("/pipelines/0");
        String lost = stageId(sales, "Closed Lost");
        int version = sales.get("version").asInt();
        assertThat(refused("removeStage", "RemoveStageInput", Map.of("id", lost, "expectedVersion", version))
                        .at("/0/field")
                        .asString())
                .isEqualTo("input.id");
        assertThat(refused(
                                "updateStage",
                                "UpdateStageInput",
                                Map.of("id", lost, "expectedVersion", version, "defaultProbability", 20))
                        .at("/0/field")
                        .asString())
                .isEqualTo("input.defaultProbability");
        assertThat(refused(
                                "updatePipeline",
                                "UpdatePipelineInput",
                                Map.of("id", sales.get("id").asString(), "expectedVersion", version, "archived", true))
                        .at("/0/field")
                        .asString())
                .isEqualTo("input.archived");
        assertThat(refused(
                                "moveStage",
                                "MoveStageInput",
                                Map.of("id", stageId(sales, "Proposal"), "expectedVersion", version, "position", 9))
                        .at("/0/field")
                        .asString())
                .isEqualTo("input.position");

        assertThat(jdbc.queryForObject("select count(*) from pipeline", Integer.class))
                .isEqualTo(pipelines);
        assertThat(jdbc.queryForObject("select count(*) from stage", Integer.class))
                .isEqualTo(stages);
        assertThat(api.data(PIPELINE + "{ pipelines { ...P } }", Map.of())
                        .at("/pipelines/0/version")
                        .asInt())
                .isEqualTo(version);
    }

    @Test
    void aDealMovesIntoAnotherPipelineUnderItsRulesAndItsHistoryKeepsWhereItWas() {
        api = new GraphQlClient(port);
        JsonNode target = configure(
                "createPipeline",
                "CreatePipelineInput",
                Map.of(
                        "name",
                        "Großprojekte",
                        "stages",
                        List.of(
                                Map.of("name", "Vorprüfung", "defaultProbability", 15),
                                Map.of(
                                        "name",
                                        "Ausschreibung",
                                        "defaultProbability",
                                        45,
                                        "requiredFields",
                                        List.of("amount")))));
        String deal = deal("Hallenbau", null, Map.of());
        String sales = api.data("query($id: ID!) { opportunity(id: $id) { pipeline { id } } }", Map.of("id", deal))
                .at("/opportunity/pipeline/id")
                .asString();
        String move = "mutation($input: MoveOpportunityToPipelineInput!) { moveOpportunityToPipeline(input: $input) {"
                + " opportunity { pipeline { name } stage { name } probability status } errors { code field } } }";
        JsonNode ruled = api.data(
                        move,
                        Map.of(
                                "input",
                                Map.of(
                                        "id", deal,
                                        "expectedVersion", version(deal),
                                        "pipelineId", target.get("id").asString(),
                                        "stageId", stageId(target, "Ausschreibung"))))
                .get("moveOpportunityToPipeline");
        assertThat(ruled.at("/errors/0/field").asString()).isEqualTo("amount");
        JsonNode moved = api.data(
                        move,
                        Map.of(
                                "input",
                                Map.of(
                                        "id",
                                        deal,
                                        "expectedVersion",
                                        version(deal),
                                        "pipelineId",
                                        target.get("id").asString())))
                .get("moveOpportunityToPipeline");
        assertThat(moved.at("/opportunity/pipeline/name").asString()).isEqualTo("Großprojekte");
        assertThat(moved.at("/opportunity/stage/name").asString()).isEqualTo("Vorprüfung");
        assertThat(moved.at("/opportunity/probability").asInt()).isEqualTo(15);
        JsonNode history = api.data(
                        "query($id: ID!) { opportunity(id: $id) { history { edges { node { field oldValue newValue } } } } }",
                        Map.of("id", deal))
                .at("/opportunity/history/edges");
        assertThat(history.findValues("node").stream()
                        .filter(n -> n.get("field").asString().equals("pipeline"))
                        .map(n -> n.get("oldValue").asString() + " -> "
                                + n.get("newValue").asString()))
                .containsExactly(sales + " -> " + target.get("id").asString());

        // a won deal goes into the pipeline's won stage
        String won = deal("Gewonnen", null, Map.of());
        assertThat(close(won, "WON", List.of("Price")).get("errors").size()).isZero();
        JsonNode closed = api.data(
                        move,
                        Map.of(
                                "input",
                                Map.of(
                                        "id",
                                        won,
                                        "expectedVersion",
                                        version(won),
                                        "pipelineId",
                                        target.get("id").asString())))
                .get("moveOpportunityToPipeline");
        assertThat(closed.at("/opportunity/stage/name").asString()).isEqualTo("Closed Won");
        assertThat(closed.at("/opportunity/status").asString()).isEqualTo("WON");
    }

    @Test
    void aPipelineCanAskWhoWonALostDeal() {
        api = new GraphQlClient(port);
        JsonNode p = configure(
                "createPipeline",
                "CreatePipelineInput",
                Map.of(
                        "name",
                        "Ausschreibungen",
                        "lostRequiresCompetitor",
                        true,
                        "stages",
                        List.of(Map.of("name", "Angebot", "defaultProbability", 40)),
                        "lostReasons",
                        List.of("Preis")));
        String deal = deal("Ausschreibung Stadtwerke", p.get("id").asString(), Map.of());
        JsonNode refused = close(deal, "LOST", List.of("Preis"));
        assertThat(refused.at("/errors/0/field").asString()).isEqualTo("input.winningCompetitorId");
        assertThat(refused.at("/errors/0/code").asString()).isEqualTo("VALIDATION");
    }
}

package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.server.graphql.GlobalId;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Working an opportunity: its timeline with attachments, tasks, the pipeline summary and stalled deals. */
@ServerTest(properties = "openchance.attachments.max-size=2KB")
class TimelineAndTasksIT {

    static final String LOG =
            "mutation($input: LogActivityInput!) { logActivity(input: $input) { activity { id type subject occurredAt author { name } contacts { lastName } account { name } } errors { code field message } } }";
    static final String TASK_FIELDS =
            "id title dueAt remindAt done doneAt overdue version assignee { name } opportunity { name } account { name }";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;

    @BeforeEach
    void setUp() {
        // Records made here are owned by a named employee (an admin too), not by the start-up admin.
        api = new GraphQlClient(port).fixtures().signedInEmployee("Tina Timeline", "tina@example.com");
    }

    @Test
    void theTimelineIsNewestFirstPaginatedFilteredAndIncludesTheAccountsOwnActivities() {
        String account = account("Zeitleiste GmbH");
        String deal = opportunity("Rollout", account, null);
        String other = opportunity("Wartung", account, null);
        String contact = api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                        "createContact",
                        Map.of("accountId", account, "lastName", "Kühn"))
                .at("/contact/id")
                .asString();
        String[] types = {"CALL", "EMAIL", "MEETING", "NOTE", "MATERIAL", "PRESENTATION", "MILESTONE"};
        Instant start = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<String> expected = new ArrayList<>(); // the deal's activities, oldest first
        for (int i = 0; i < 25; i++) {
            JsonNode a = api.ok(
                            LOG,
                            "logActivity",
                            Map.of(
                                    "opportunityId",
                                    deal,
                                    "type",
                                    types[i % types.length],
                                    "subject",
                                    "Kontakt " + i,
                                    "occurredAt",
                                    start.plus(i, ChronoUnit.HOURS).toString(),
                                    "contactIds",
                                    List.of(contact)))
                    .get("activity");
            assertThat(a.at("/author/name").asString()).isEqualTo("Tina Timeline");
            assertThat(a.at("/contacts/0/lastName").asString()).isEqualTo("Kühn");
            assertThat(a.at("/account/name").asString()).isEqualTo("Zeitleiste GmbH");
            expected.add(a.get("id").asString());
        }
        api.ok(LOG, "logActivity", Map.of("opportunityId", other, "type", "CALL", "subject", "Andere Chance"));
        api.ok(LOG, "logActivity", Map.of("accountId", account, "type", "NOTE", "subject", "Jahresgespräch"));

        List<String> walked = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>(Map.of("id", deal));
            vars.put("after", after);
            JsonNode page = api.data(
                            "query($id: ID!, $after: String) { opportunity(id: $id) { activities(first: 10, after: $after) {"
                                    + " totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }",
                            vars)
                    .at("/opportunity/activities");
            assertThat(page.get("totalCount").asInt()).isEqualTo(25);
            page.get("edges").forEach(e -> walked.add(e.at("/node/id").asString()));
            after = page.at("/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/pageInfo/endCursor").asString()
                    : null;
        } while (after != null);
        Collections.reverse(expected);
        assertThat(walked).isEqualTo(expected);

        JsonNode calls = api.data(
                        "query($id: ID!) { opportunity(id: $id) { activities(first: 100, types: [CALL]) { totalCount } } }",
                        Map.of("id", deal))
                .at("/opportunity/activities");
        assertThat(calls.get("totalCount").asInt()).isEqualTo(4); // 0, 7, 14, 21
        JsonNode range = api.data(
                        "query($id: ID!, $from: DateTime, $to: DateTime) { opportunity(id: $id) {"
                                + " activities(first: 100, from: $from, to: $to) { edges { node { subject } } } } }",
                        Map.of(
                                "id",
                                deal,
                                "from",
                                start.plus(3, ChronoUnit.HOURS).toString(),
                                "to",
                                start.plus(6, ChronoUnit.HOURS).toString()))
                .at("/opportunity/activities/edges");
        assertThat(range.findValuesAsString("subject")).containsExactly("Kontakt 5", "Kontakt 4", "Kontakt 3");

        JsonNode accountTimeline = api.data(
                        "query($id: ID!) { account(id: $id) { activities(first: 3) { totalCount edges { node { subject } } } } }",
                        Map.of("id", account))
                .at("/account/activities");
        assertThat(accountTimeline.get("totalCount").asInt()).isEqualTo(27);
        assertThat(accountTimeline.at("/edges/0/node/subject").asString()).isEqualTo("Jahresgespräch");
    }

    @Test
    void loggingValidatesWhereWhenAndHowMuch() {
        String account = account("Prüfung AG");
        String deal = opportunity("Prüfprojekt", account, null);
        JsonNode errors = api.errors(
                LOG,
                "logActivity",
                "activity",
                Map.of(
                        "opportunityId",
                        deal,
                        "type",
                        "NOTE",
                        "subject",
                        " ",
                        "body",
                        "x".repeat(100_001),
                        "occurredAt",
                        Instant.now().plus(2, ChronoUnit.DAYS).toString()));
        assertThat(errors.findValuesAsString("field"))
                .containsExactlyInAnyOrder("input.subject", "input.body", "input.occurredAt");
        assertThat(api.errors(LOG, "logActivity", "activity", Map.of("type", "NOTE", "subject", "Wohin?"))
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("input.opportunityId");

        api.ok(
                "mutation($input: DeleteOpportunityInput!) { deleteOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "deleteOpportunity",
                Map.of("id", deal, "expectedVersion", 0));
        assertThat(api.errors(
                                LOG,
                                "logActivity",
                                "activity",
                                Map.of("opportunityId", deal, "type", "NOTE", "subject", "Zu spät"))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("NOT_FOUND");
        assertThat(jdbc.queryForObject(
                        "select count(*) from activity where account_id in (select id from account where name = 'Prüfung AG')",
                        Integer.class))
                .isZero();
    }

    @Test
    void attachmentsGoUpAndComeBackByteForByteWithinTheLimit() {
        String deal = opportunity("Angebot", account("Anhang KG"), null);
        String activity = api.ok(
                        LOG,
                        "logActivity",
                        Map.of("opportunityId", deal, "type", "MATERIAL", "subject", "Angebot geschickt"))
                .at("/activity/id")
                .asString();
        byte[] pdf = new byte[1_500];
        new Random(1).nextBytes(pdf);
        ResponseEntity<JsonNode> uploaded = upload(activity, "Angebot Müller.pdf", pdf);
        assertThat(uploaded.getStatusCode().value()).isEqualTo(201);
        String url = uploaded.getBody().get("url").asString();

        JsonNode listed = api.data(
                        "query($id: ID!) { node(id: $id) { ... on Activity { attachments { name mediaType size url } } } }",
                        Map.of("id", activity))
                .at("/node/attachments/0");
        assertThat(listed.get("name").asString()).isEqualTo("Angebot Müller.pdf");
        assertThat(listed.get("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(listed.get("size").asInt()).isEqualTo(1_500);
        assertThat(listed.get("url").asString()).isEqualTo(url);

        ResponseEntity<byte[]> download = rest().get().uri(url).retrieve().toEntity(byte[].class);
        assertThat(download.getBody()).isEqualTo(pdf);
        assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo("Angebot Müller.pdf");

        ResponseEntity<JsonNode> tooLarge = upload(activity, "gross.bin", new byte[3_000]);
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(tooLarge.getBody().at("/errors/0/field").asString()).isEqualTo("file");
        assertThat(upload("QWN0aXZpdHk6MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAw", "x.txt", new byte[1])
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from attachment", Integer.class))
                .isOne();
    }

    @Test
    void tasksAreCreatedCompletedReopenedAndFoundWhenOverdue() {
        String account = account("Aufgaben GmbH");
        String deal = opportunity("Folgeauftrag", account, null);
        String create = "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { " + TASK_FIELDS
                + " } errors { code field } } }";
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode task = api.ok(
                        create,
                        "createTask",
                        Map.of(
                                "title",
                                "Angebot nachfassen",
                                "dueAt",
                                tomorrow.toString(),
                                "remindAt",
                                tomorrow.minus(2, ChronoUnit.HOURS).toString(),
                                "opportunityId",
                                deal))
                .get("task");
        assertThat(task.at("/assignee/name").asString()).isEqualTo("Tina Timeline");
        assertThat(task.at("/account/name").asString())
                .as("the opportunity's account")
                .isEqualTo("Aufgaben GmbH");
        assertThat(task.get("overdue").asBoolean()).isFalse();
        String id = task.get("id").asString();

        JsonNode invalid = api.errors(
                create,
                "createTask",
                "task",
                Map.of(
                        "title",
                        "",
                        "dueAt",
                        tomorrow.toString(),
                        "remindAt",
                        tomorrow.plus(1, ChronoUnit.HOURS).toString(),
                        "opportunityId",
                        "nope"));
        assertThat(invalid.findValuesAsString("field"))
                .containsExactlyInAnyOrder("input.title", "input.remindAt", "input.opportunityId");

        String late = api.ok(
                        create,
                        "createTask",
                        Map.of(
                                "title",
                                "Rückruf",
                                "dueAt",
                                Instant.now().minus(3, ChronoUnit.HOURS).toString(),
                                "opportunityId",
                                deal))
                .at("/task/id")
                .asString();
        JsonNode overdue = api.data(
                        "{ tasks(first: 10, filter: { overdue: true }) { totalCount edges { node { id overdue } } } }",
                        Map.of())
                .get("tasks");
        assertThat(overdue.findValuesAsString("id")).containsExactly(late);
        assertThat(overdue.at("/edges/0/node/overdue").asBoolean()).isTrue();

        String update =
                "mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { title version } errors { code field } } }";
        assertThat(api.ok(
                                update,
                                "updateTask",
                                Map.of("id", id, "expectedVersion", 0, "title", "Angebot final nachfassen"))
                        .at("/task/version")
                        .asInt())
                .isOne();
        assertThat(api.errors(update, "updateTask", "task", Map.of("id", id, "expectedVersion", 0, "title", "alt"))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("VERSION_CONFLICT");

        String complete =
                "mutation($input: CompleteTaskInput!) { completeTask(input: $input) { task { done doneAt overdue version } errors { code } } }";
        JsonNode done = api.ok(complete, "completeTask", Map.of("id", late, "expectedVersion", 0))
                .get("task");
        assertThat(done.get("done").asBoolean()).isTrue();
        assertThat(done.get("doneAt").isNull()).isFalse();
        assertThat(done.get("overdue").asBoolean()).as("done is never overdue").isFalse();
        assertThat(api.errors(complete, "completeTask", "task", Map.of("id", late, "expectedVersion", 1))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("INVALID_TRANSITION");
        assertThat(api.data("{ tasks(first: 10, filter: { overdue: true }) { totalCount } }", Map.of())
                        .at("/tasks/totalCount")
                        .asInt())
                .isZero();

        JsonNode reopened = api.ok(
                        "mutation($input: ReopenTaskInput!) { reopenTask(input: $input) { task { done doneAt overdue } errors { code } } }",
                        "reopenTask",
                        Map.of("id", late, "expectedVersion", 1))
                .get("task");
        assertThat(reopened.get("done").asBoolean()).isFalse();
        assertThat(reopened.get("overdue").asBoolean()).isTrue();

        JsonNode ofDeal = api.data(
                        "query($id: ID!) { opportunity(id: $id) { tasks(first: 10) { edges { node { title } } } } }",
                        Map.of("id", deal))
                .at("/opportunity/tasks/edges");
        assertThat(ofDeal.findValuesAsString("title")).containsExactly("Rückruf", "Angebot final nachfassen");
        JsonNode dueSoon = api.data(
                        "query($before: DateTime) { tasks(first: 10, filter: { dueBefore: $before, done: false }) { totalCount } }",
                        Map.of("before", Instant.now().toString()))
                .get("tasks");
        assertThat(dueSoon.get("totalCount").asInt()).isOne();
    }

    @Test
    void thePipelineSummaryIsTheExactSumPerStage() {
        String owner = api.createEmployee("Summe Sabine", "summe@example.com");
        String account = account("Summen AG");
        JsonNode stages = api.data("{ pipelines { stages { id name isClosed } } }", Map.of())
                .at("/pipelines/0/stages");
        Random random = new Random(7);
        Map<String, BigDecimal[]> expected = new LinkedHashMap<>(); // stage -> {count, amount, weighted}
        int dollars = 0;
        for (int i = 0; i < 40; i++) {
            JsonNode stage = stages.get(random.nextInt(5));
            BigDecimal amount = new BigDecimal(1_000 + random.nextInt(100_000))
                    .add(new BigDecimal("0.0" + random.nextInt(10) + random.nextInt(10)));
            boolean usd = i % 10 == 9;
            String id = opportunity(
                    "Deal " + i,
                    account,
                    Map.of(
                            "ownerId",
                            owner,
                            "amount",
                            Map.of("amount", amount.toPlainString(), "currency", usd ? "USD" : "EUR")));
            JsonNode moved = api.data(
                            "mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { opportunity { probability } errors { code } } }",
                            Map.of(
                                    "input",
                                    Map.of(
                                            "id",
                                            id,
                                            "expectedVersion",
                                            0,
                                            "stageId",
                                            stage.get("id").asString())))
                    .at("/moveOpportunityStage/opportunity");
            int probability =
                    moved.isNull() ? 10 : moved.get("probability").asInt(); // moving to the stage it is in is refused
            BigDecimal[] sums = expected.computeIfAbsent(stage.get("name").asString(), s ->
                    new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(BigDecimal.ONE);
            if (usd) {
                dollars++;
            } else {
                sums[1] = sums[1].add(amount);
                sums[2] = sums[2].add(
                        amount.multiply(BigDecimal.valueOf(probability)).divide(BigDecimal.valueOf(100)));
            }
        }
        JsonNode summary = api.data(
                        "query($owners: [ID!]) { pipelineSummary(ownerIds: $owners) { stage { name } count"
                                + " amount { amount currency } weightedAmount { amount currency } otherCurrencyCount } }",
                        Map.of("owners", List.of(owner)))
                .get("pipelineSummary");
        assertThat(summary.size()).isEqualTo(7);
        int others = 0;
        for (JsonNode row : summary) {
            BigDecimal[] sums = expected.getOrDefault(
                    row.at("/stage/name").asString(),
                    new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            assertThat(row.get("count").asInt()).as(row.toString()).isEqualTo(sums[0].intValue());
            // exact on the way (amounts have up to three decimals here), rounded once at the end to cents
            assertThat(new BigDecimal(row.at("/amount/amount").asString()))
                    .as(row.toString())
                    .isEqualByComparingTo(sums[1].setScale(2, java.math.RoundingMode.HALF_UP));
            assertThat(new BigDecimal(row.at("/weightedAmount/amount").asString()))
                    .as(row.toString())
                    .isEqualByComparingTo(sums[2].setScale(2, java.math.RoundingMode.HALF_UP));
            assertThat(row.at("/amount/currency").asString()).isEqualTo("EUR");
            others += row.get("otherCurrencyCount").asInt();
        }
        assertThat(others).isEqualTo(dollars);
    }

    @Test
    void aDealLongerInItsStageThanTheStageAllowsIsStalled() {
        String owner = api.createEmployee("Steffi Stillstand", "still@example.com");
        String deal = opportunity("Hängt", account("Stillstand KG"), Map.of("ownerId", owner));
        String fresh = opportunity("Läuft", account("Frisch KG"), Map.of("ownerId", owner));
        // Prospecting allows 30 days.
        jdbc.update("update opportunity set stage_entered_at = now() - interval '31 days 1 hour' where name = 'Hängt'");
        String query = "query($id: ID!) { opportunity(id: $id) { daysInStage stalled stage { stalledAfterDays } } }";
        JsonNode stalled = api.data(query, Map.of("id", deal)).get("opportunity");
        assertThat(stalled.get("daysInStage").asInt()).isEqualTo(31);
        assertThat(stalled.get("stalled").asBoolean()).isTrue();
        assertThat(stalled.at("/stage/stalledAfterDays").asInt()).isEqualTo(30);
        assertThat(api.data(query, Map.of("id", fresh))
                        .at("/opportunity/stalled")
                        .asBoolean())
                .isFalse();

        JsonNode listed = api.data(
                "query($owner: ID!) { yes: opportunities(filter: { ownerIds: [$owner], stalled: true }) { edges { node { name } } }"
                        + " no: opportunities(filter: { ownerIds: [$owner], stalled: false }) { edges { node { name } } } }",
                Map.of("owner", owner));
        assertThat(listed.get("yes").findValuesAsString("name")).containsExactly("Hängt");
        assertThat(listed.get("no").findValuesAsString("name")).containsExactly("Läuft");
    }

    @Test
    void thePipelineAsOfAnyDayShowsTheValuesOfThatDay() {
        String account = account("Zeitreise AG");
        String second = api.createEmployee("Zweite Zora", "zora@example.com");
        String id = opportunity(
                "Zeitreise",
                account,
                Map.of("amount", Map.of("amount", "1000", "currency", "EUR"), "expectedCloseDate", "2027-01-31"));
        String uuid = GlobalId.decode(id, "Opportunity").orElseThrow().toString();
        java.time.LocalDate day0 =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(10);
        jdbc.update("update opportunity set created_at = ? where id = ?::uuid", at(day0), uuid);
        String qualification = api.data("{ pipelines { stages { id name } } }", Map.of())
                .at("/pipelines/0/stages/1/id")
                .asString();

        api.ok(
                "mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { opportunity { id } errors { code } } }",
                "moveOpportunityStage",
                Map.of("id", id, "expectedVersion", 0, "stageId", qualification));
        happenedOn(uuid, day0.plusDays(2));
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "updateOpportunity",
                Map.of(
                        "id",
                        id,
                        "expectedVersion",
                        1,
                        "amount",
                        Map.of("amount", "2000.50", "currency", "EUR"),
                        "expectedCloseDate",
                        "2027-02-28"));
        happenedOn(uuid, day0.plusDays(4));
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "updateOpportunity",
                Map.of("id", id, "expectedVersion", 2, "ownerId", second));
        happenedOn(uuid, day0.plusDays(6));
        api.ok(
                "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "closeOpportunity",
                Map.of("id", id, "expectedVersion", 3, "outcome", "LOST", "reasons", List.of("Price")));
        happenedOn(uuid, day0.plusDays(8));

        assertThat(asOf(account, day0.minusDays(1))).as("before it existed").isNull();
        assertThat(asOf(account, day0)).isEqualTo("Prospecting 10 1000.00 2027-01-31 Tina Timeline PIPELINE OPEN");
        assertThat(asOf(account, day0.plusDays(1)))
                .isEqualTo("Prospecting 10 1000.00 2027-01-31 Tina Timeline PIPELINE OPEN");
        assertThat(asOf(account, day0.plusDays(2)))
                .isEqualTo("Qualification 20 1000.00 2027-01-31 Tina Timeline PIPELINE OPEN");
        assertThat(asOf(account, day0.plusDays(4)))
                .isEqualTo("Qualification 20 2000.50 2027-02-28 Tina Timeline PIPELINE OPEN");
        assertThat(asOf(account, day0.plusDays(6)))
                .isEqualTo("Qualification 20 2000.50 2027-02-28 Zweite Zora PIPELINE OPEN");
        assertThat(asOf(account, day0.plusDays(7)))
                .isEqualTo("Qualification 20 2000.50 2027-02-28 Zweite Zora PIPELINE OPEN");
        assertThat(asOf(account, day0.plusDays(8))).as("lost that day").isNull();
        assertThat(api.data("query($id: ID!) { opportunity(id: $id) { status } }", Map.of("id", id))
                        .at("/opportunity/status")
                        .asString())
                .isEqualTo("LOST");
    }

    /** Moves what was just recorded in the history to noon of that day, as if it had happened then. */
    private void happenedOn(String opportunity, java.time.LocalDate day) {
        jdbc.update(
                "update opportunity_history set changed_at = ? where opportunity_id = ?::uuid and changed_at > now() - interval '1 minute'",
                at(day),
                opportunity);
    }

    private static java.sql.Timestamp at(java.time.LocalDate day) {
        return java.sql.Timestamp.from(day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC));
    }

    /** The account's one opportunity as of that day, as "stage probability amount closeDate owner category status". */
    private String asOf(String account, java.time.LocalDate day) {
        JsonNode edges = api.data(
                        "query($date: Date!, $account: ID!) { opportunitiesAsOf(date: $date, filter: { accountId: $account }) {"
                                + " totalCount edges { node { stage { name } probability amount { amount } expectedCloseDate owner { name }"
                                + " forecastCategory status } } } }",
                        Map.of("date", day.toString(), "account", account))
                .at("/opportunitiesAsOf/edges");
        if (edges.isEmpty()) {
            return null;
        }
        assertThat(edges.size()).isOne();
        JsonNode o = edges.at("/0/node");
        return String.join(
                " ",
                o.at("/stage/name").asString(),
                o.get("probability").asString(),
                o.at("/amount/amount").asString(),
                o.get("expectedCloseDate").asString(),
                o.at("/owner/name").asString(),
                o.get("forecastCategory").asString(),
                o.get("status").asString());
    }

    private ResponseEntity<JsonNode> upload(String activityId, String name, byte[] content) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("activityId", activityId);
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name; // the part's file name; its media type follows from it
            }
        });
        return rest().post()
                .uri("/attachments")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {})
                .toEntity(JsonNode.class);
    }

    /** HTTP as the signed-in user of the test (attachments are behind sign-in like the API). */
    private RestClient rest() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + api.token())
                .build();
    }

    private String account(String name) {
        return api.fixtures().anAccount(name);
    }

    private String opportunity(String name, String account, Map<String, Object> more) {
        Map<String, Object> input = new HashMap<>(Map.of("name", name, "accountId", account));
        if (more != null) {
            input.putAll(more);
        }
        return api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        input)
                .at("/opportunity/id")
                .asString();
    }
}

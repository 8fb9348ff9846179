package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.server.graphql.GlobalId;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The catalogue's stateful property test: a seeded random run of create, update, reassign, move, close, reopen,
 * delete and restore (some with a stale version, some not allowed in the deal's state) against a model kept here. Each
 * answer must be what the model predicts (a write: version + 1 and the model's fields; a refusal: an error and nothing
 * changed), and at the end the database equals the model and each deal's history replays to its current state.
 * {@code -Dopenchance.stateful.seed} replays a run.
 */
@ServerTest
class StatefulOpportunityIT {

    private static final long SEED = Long.getLong("openchance.stateful.seed", 7L);
    private static final int STEPS = 400;

    private static final String FIELDS = " opportunity { id version status name description amount { amount currency }"
            + " owner { id } stage { id } } errors { code field message } } }";

    /** One deal as the model sees it. */
    private static final class Deal {
        String id;
        int version;
        boolean deleted;
        String status = "OPEN";
        String stage;
        String stageBeforeClose;
        String name;
        String description;
        String amount;
        String owner;
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private GraphQlClient api;
    private final Random random = new Random(SEED);
    private final List<Deal> deals = new ArrayList<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Test
    void randomWritesLeaveTheDatabaseAsTheModelSaysAndHistoryReplaysToIt() {
        api = new GraphQlClient(port);
        String account = api.fixtures().anAccount("Zustandsmodell GmbH");
        List<String> owners = List.of(
                api.data("{ me { id } }", Map.of()).at("/me/id").asString(),
                api.fixtures().anEmployee("Olga Owner", "olga@example.com"),
                api.fixtures().anEmployee("Otto Owner", "otto@example.com"));
        Map<String, String> stages = new HashMap<>();
        List<String> open = new ArrayList<>();
        for (JsonNode stage : api.data("{ pipelines { stages { id name isClosed } } }", Map.of())
                .at("/pipelines/0/stages")) {
            stages.put(stage.get("name").asString(), stage.get("id").asString());
            if (!stage.get("isClosed").asBoolean()) {
                open.add(stage.get("id").asString());
            }
        }

        for (int step = 0; step < STEPS; step++) {
            int kind = deals.size() < 3 ? 0 : random.nextInt(9); // 0: a new deal, while there are fewer than 12
            if (kind == 0 && deals.size() >= 12) {
                kind = 1;
            }
            if (kind == 0) {
                create(account, open, owners);
                continue;
            }
            Deal deal = deals.get(random.nextInt(deals.size()));
            boolean stale = random.nextInt(10) == 0;
            int sentVersion = stale ? deal.version - 1 - random.nextInt(2) : deal.version;
            boolean live = !deal.deleted;
            boolean isOpen = live && deal.status.equals("OPEN");
            switch (kind) {
                case 1, 2 -> { // update: a new name, maybe a description and an amount (null: left as it is)
                    Map<String, Object> input = base(deal, sentVersion);
                    Deal next = copy(deal);
                    next.name = "Zustand " + Integer.toHexString(random.nextInt());
                    input.put("name", next.name);
                    if (random.nextBoolean()) {
                        String description = random.nextInt(4) == 0 ? null : "Beschreibung " + random.nextInt(1000);
                        next.description = description == null ? deal.description : description;
                        input.put("description", description);
                    }
                    boolean dealFields = false; // amount, budget, probability, close date: only while open
                    if (random.nextBoolean()) {
                        String amount = random.nextInt(5) == 0
                                ? null
                                : random.nextInt(1_000_000) + "." + random.nextInt(10) + "0";
                        next.amount = amount == null ? deal.amount : amount;
                        dealFields = amount != null;
                        input.put("amount", amount == null ? null : Map.of("amount", amount, "currency", "EUR"));
                    }
                    write(
                            "updateOpportunity",
                            "UpdateOpportunityInput",
                            input,
                            deal,
                            next,
                            live && (isOpen || !dealFields) && !stale);
                }
                case 3 -> { // reassign
                    Deal next = copy(deal);
                    next.owner = other(owners, deal.owner);
                    Map<String, Object> input = base(deal, sentVersion);
                    input.put("ownerId", next.owner);
                    // a closed deal changes hands too (its amount and dates stay as they closed)
                    write("updateOpportunity", "UpdateOpportunityInput", input, deal, next, live && !stale);
                }
                case 4 -> { // move
                    Deal next = copy(deal);
                    next.stage = other(open, deal.stage);
                    Map<String, Object> input = base(deal, sentVersion);
                    input.put("stageId", next.stage);
                    write("moveOpportunityStage", "MoveOpportunityStageInput", input, deal, next, isOpen && !stale);
                }
                case 5 -> { // close
                    boolean won = random.nextBoolean();
                    Deal next = copy(deal);
                    next.status = won ? "WON" : "LOST";
                    next.stageBeforeClose = deal.stage;
                    next.stage = stages.get(won ? "Closed Won" : "Closed Lost");
                    Map<String, Object> input = base(deal, sentVersion);
                    input.put("outcome", next.status);
                    input.put("reasons", List.of(won ? "Product fit" : "Price"));
                    write("closeOpportunity", "CloseOpportunityInput", input, deal, next, isOpen && !stale);
                }
                case 6 -> { // reopen
                    Deal next = copy(deal);
                    next.status = "OPEN";
                    next.stage = deal.stageBeforeClose;
                    write(
                            "reopenOpportunity",
                            "ReopenOpportunityInput",
                            base(deal, sentVersion),
                            deal,
                            next,
                            live && !deal.status.equals("OPEN") && !stale);
                }
                case 7 -> { // delete
                    Deal next = copy(deal);
                    next.deleted = true;
                    write(
                            "deleteOpportunity",
                            "DeleteOpportunityInput",
                            base(deal, sentVersion),
                            deal,
                            next,
                            live && !stale);
                }
                default -> { // restore
                    Deal next = copy(deal);
                    next.deleted = false;
                    write(
                            "restoreOpportunity",
                            "RestoreOpportunityInput",
                            base(deal, sentVersion),
                            deal,
                            next,
                            deal.deleted && !stale);
                }
            }
        }
        System.out.printf("Stateful run (seed %d): %d deals, outcomes %s%n", SEED, deals.size(), outcomes);

        int replayedFields = 0;
        for (Deal deal : deals) {
            UUID id = GlobalId.decode(deal.id, "Opportunity").orElseThrow();
            Map<String, Object> row = jdbc.queryForMap(
                    "select version, deleted_at is not null as deleted, status, name, description, amount,"
                            + " owner_id::text as owner, stage_id::text as stage from opportunity where id = ?",
                    id);
            assertThat(((Number) row.get("version")).intValue()).as(deal.id).isEqualTo(deal.version);
            assertThat(row.get("deleted")).as(deal.id).isEqualTo(deal.deleted);
            assertThat(row.get("status")).as(deal.id).isEqualTo(deal.status);
            assertThat(row.get("name")).as(deal.id).isEqualTo(deal.name);
            assertThat(row.get("description")).as(deal.id).isEqualTo(deal.description);
            assertThat(decimal((BigDecimal) row.get("amount"))).as(deal.id).isEqualTo(decimal(deal.amount));
            assertThat(row.get("owner")).as(deal.id).isEqualTo(uuid(deal.owner));
            assertThat(row.get("stage")).as(deal.id).isEqualTo(uuid(deal.stage));
            replayedFields += replaysToCurrentState(id, row);
        }
        assertThat(replayedFields).as("fields whose history was replayed").isGreaterThan(deals.size());
        // the run did real work of every kind, and some were refused
        assertThat(outcomes.keySet())
                .contains(
                        "updateOpportunity ok",
                        "moveOpportunityStage ok",
                        "closeOpportunity ok",
                        "reopenOpportunity ok",
                        "deleteOpportunity ok",
                        "restoreOpportunity ok",
                        "updateOpportunity refused");
    }

    /**
     * Each tracked field's changes form a chain (each change starts from the value the one before left) and the last
     * one's value is the record's now (a deal only created, or only renamed, has none). Returns how many fields had
     * changes.
     */
    private int replaysToCurrentState(UUID id, Map<String, Object> row) {
        Map<String, String> replayed = new HashMap<>();
        for (Map<String, Object> change : jdbc.queryForList(
                "select field, old_value, new_value from opportunity_history where opportunity_id = ? order by id",
                id)) {
            String field = (String) change.get("field");
            if (replayed.containsKey(field)) {
                assertThat(change.get("old_value"))
                        .as(id + " " + field + " starts where the change before left it")
                        .isEqualTo(replayed.get(field));
            }
            replayed.put(field, (String) change.get("new_value"));
        }
        Map<String, String> now = new HashMap<>();
        now.put("status", (String) row.get("status"));
        now.put("owner", (String) row.get("owner"));
        now.put("stage", (String) row.get("stage"));
        BigDecimal amount = (BigDecimal) row.get("amount");
        now.put("amount", amount == null ? null : amount.stripTrailingZeros().toPlainString() + " EUR");
        for (Map.Entry<String, String> field : now.entrySet()) {
            if (replayed.containsKey(field.getKey())) {
                assertThat(replayed.get(field.getKey()))
                        .as(id + " " + field.getKey() + " replayed")
                        .isEqualTo(field.getValue());
            }
        }
        return replayed.size();
    }

    private void create(String account, List<String> open, List<String> owners) {
        Deal deal = new Deal();
        deal.name = "Zustand " + deals.size();
        deal.stage = open.get(random.nextInt(open.size()));
        deal.owner = owners.get(random.nextInt(owners.size()));
        deal.amount = random.nextInt(100_000) + ".00";
        Map<String, Object> input = new HashMap<>();
        input.put("accountId", account);
        input.put("name", deal.name);
        input.put("stageId", deal.stage);
        input.put("ownerId", deal.owner);
        input.put("amount", Map.of("amount", deal.amount, "currency", "EUR"));
        JsonNode payload = call("createOpportunity", "CreateOpportunityInput", input);
        assertThat(payload.get("errors")).as(payload.toString()).isEmpty();
        deal.id = payload.at("/opportunity/id").asString();
        deal.version = 0;
        same(payload.get("opportunity"), deal);
        deals.add(deal);
        outcomes.merge("createOpportunity ok", 1, Integer::sum);
    }

    /** Sends a write and checks its answer: the model's next state with version + 1, or a refusal that changed nothing. */
    private void write(
            String mutation, String inputType, Map<String, Object> input, Deal deal, Deal next, boolean allowed) {
        JsonNode payload = call(mutation, inputType, input);
        String label = mutation + " " + input + " on " + describe(deal) + ": " + payload;
        if (allowed) {
            assertThat(payload.get("errors")).as(label).isEmpty();
            next.version = deal.version + 1;
            if (!next.deleted) {
                same(payload.get("opportunity"), next);
            }
            deals.set(deals.indexOf(deal), next);
            outcomes.merge(mutation + " ok", 1, Integer::sum);
        } else {
            assertThat(payload.get("errors")).as(label).isNotEmpty();
            int version = jdbc.queryForObject(
                    "select version from opportunity where id = ?",
                    Integer.class,
                    GlobalId.decode(deal.id, "Opportunity").orElseThrow());
            assertThat(version).as("refused, so unchanged: " + label).isEqualTo(deal.version);
            outcomes.merge(mutation + " refused", 1, Integer::sum);
        }
    }

    private JsonNode call(String mutation, String inputType, Map<String, Object> input) {
        JsonNode answer = api.execute(
                "mutation($input: " + inputType + "!) { " + mutation + "(input: $input) {" + FIELDS,
                Map.of("input", input));
        assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
        return answer.at("/data/" + mutation);
    }

    private static void same(JsonNode opportunity, Deal deal) {
        String label = opportunity + " vs " + describe(deal);
        assertThat(opportunity.get("version").asInt()).as(label).isEqualTo(deal.version);
        assertThat(opportunity.get("status").asString()).as(label).isEqualTo(deal.status);
        assertThat(opportunity.get("name").asString()).as(label).isEqualTo(deal.name);
        assertThat(
                        opportunity.get("description").isNull()
                                ? null
                                : opportunity.get("description").asString())
                .as(label)
                .isEqualTo(deal.description);
        JsonNode amount = opportunity.get("amount");
        assertThat(amount.isNull() ? null : decimal(amount.get("amount").asString()))
                .as(label)
                .isEqualTo(decimal(deal.amount));
        assertThat(opportunity.at("/owner/id").asString()).as(label).isEqualTo(deal.owner);
        assertThat(opportunity.at("/stage/id").asString()).as(label).isEqualTo(deal.stage);
    }

    private static Map<String, Object> base(Deal deal, int version) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", deal.id);
        input.put("expectedVersion", version);
        return input;
    }

    private String other(List<String> choices, String current) {
        List<String> others =
                choices.stream().filter(c -> !Objects.equals(c, current)).toList();
        return others.get(random.nextInt(others.size()));
    }

    private static Deal copy(Deal deal) {
        Deal copy = new Deal();
        copy.id = deal.id;
        copy.version = deal.version;
        copy.deleted = deal.deleted;
        copy.status = deal.status;
        copy.stage = deal.stage;
        copy.stageBeforeClose = deal.stageBeforeClose;
        copy.name = deal.name;
        copy.description = deal.description;
        copy.amount = deal.amount;
        copy.owner = deal.owner;
        return copy;
    }

    private static String describe(Deal deal) {
        return "{v" + deal.version + (deal.deleted ? " deleted" : "") + " " + deal.status + "}";
    }

    private static String uuid(String globalId) {
        return GlobalId.decode(globalId).orElseThrow().uuid().toString();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).stripTrailingZeros();
    }
}

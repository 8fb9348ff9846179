package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.api.event.DomainEvent;
import org.openchance.server.event.BatchEventListener;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.event.EventListener;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.task.ReminderScheduler;
import org.openchance.store.task.TaskQueries;
import org.openchance.store.task.TaskRepository;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Domain events reach listeners after commit, in order, despite failures; reminders fire once across servers. */
@ServerTest(
        properties = {
            "openchance.webhooks.allowed-hosts=127.0.0.1", // the tests' receiver runs on this machine
            "openchance.events.retry-base=20ms",
            "openchance.events.max-attempts=3",
            "openchance.events.poll-interval=50ms",
            "openchance.reminders.poll-interval=1h"
        })
@Import(EventsAndRemindersIT.Listeners.class)
class EventsAndRemindersIT {

    /** Keeps what it gets. */
    abstract static class Collecting implements EventListener {
        final List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onEvent(DomainEvent event) {
            events.add(event);
        }
    }

    /** Takes everything. */
    static final class Recording extends Collecting {
        @Override
        public String name() {
            return "test-recording";
        }
    }

    /** Fails the first two tries of every event. */
    static final class Flaky implements EventListener {
        final Map<Long, AtomicInteger> tries = new ConcurrentHashMap<>();
        final List<DomainEvent> handled = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "test-flaky";
        }

        @Override
        public void onEvent(DomainEvent event) {
            if (tries.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet() <= 2) {
                throw new IllegalStateException("not yet");
            }
            handled.add(event);
        }
    }

    /** Never handles lost deals, until it is fixed. */
    static final class Broken implements EventListener {
        volatile boolean fixed;
        final List<DomainEvent> handled = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "test-broken";
        }

        @Override
        public void onEvent(DomainEvent event) {
            if (event.type().equals("opportunity.closed_lost") && !fixed) {
                throw new IllegalArgumentException("cannot handle " + event.type());
            }
            handled.add(event);
        }
    }

    /** Wants stage moves and every account event, nothing else. */
    static final class Picky extends Collecting {
        @Override
        public String name() {
            return "test-picky";
        }

        @Override
        public List<String> eventTypes() {
            return List.of("opportunity.stage_changed", "account.*");
        }
    }

    /** An unordered batch listener with two workers, as the search indexer is: who delivered each event. */
    static final class TwoWorkers implements BatchEventListener {
        final Map<Long, List<String>> deliveredBy = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "test-two-workers";
        }

        @Override
        public boolean ordered() {
            return false;
        }

        @Override
        public int workers() {
            return 2;
        }

        @Override
        public Map<Long, String> onEvents(List<DomainEvent> events) {
            events.forEach(e -> deliveredBy
                    .computeIfAbsent(e.id(), id -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Thread.currentThread().getName()));
            return Map.of();
        }
    }

    @TestConfiguration
    static class Listeners {
        @Bean
        Picky picky() {
            return new Picky();
        }

        @Bean
        TwoWorkers twoWorkers() {
            return new TwoWorkers();
        }

        @Bean
        Recording recording() {
            return new Recording();
        }

        @Bean
        Flaky flaky() {
            return new Flaky();
        }

        @Bean
        Broken broken() {
            return new Broken();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TaskQueries taskQueries;

    @Autowired
    TaskRepository tasks;

    @Autowired
    DomainEvents events;

    @Autowired
    ReminderScheduler scheduler;

    @Autowired
    Recording recording;

    @Autowired
    Flaky flaky;

    @Autowired
    Broken broken;

    @Autowired
    Picky picky;

    @Autowired
    TwoWorkers twoWorkers;

    GraphQlClient api;

    @BeforeEach
    void setUp() {
        api = new GraphQlClient(port);
        if (jdbc.queryForObject("select count(*) from app_user", Integer.class) == 0) {
            api.createEmployee("Evi Event", "evi@example.com");
        }
    }

    @Test
    void anEventReachesAListenerThatFailedTwiceAndTheRecordsOrderHolds() {
        String id = opportunity("Ereignis");
        String stage = api.data("{ pipelines { stages { id } } }", Map.of())
                .at("/pipelines/0/stages/2/id")
                .asString();
        api.ok(
                "mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { opportunity { id } errors { code } } }",
                "moveOpportunityStage",
                Map.of("id", id, "expectedVersion", 0, "stageId", stage));
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "updateOpportunity",
                Map.of("id", id, "expectedVersion", 1, "amount", Map.of("amount", "5000", "currency", "EUR")));
        String uuid = uuidOf(id);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> typesOf(flaky.handled, uuid).size() == 3);
        assertThat(typesOf(flaky.handled, uuid))
                .containsExactly("opportunity.created", "opportunity.stage_changed", "opportunity.updated");
        copyOf(flaky.handled).stream()
                .filter(e -> e.aggregateId().toString().equals(uuid))
                .forEach(e -> assertThat(flaky.tries.get(e.id()).get())
                        .as("tries of " + e.type())
                        .isEqualTo(3));
        assertThat(typesOf(recording.events, uuid))
                .containsExactly("opportunity.created", "opportunity.stage_changed", "opportunity.updated");
        DomainEvent updated = copyOf(recording.events).stream()
                .filter(e -> e.aggregateId().toString().equals(uuid) && e.type().equals("opportunity.updated"))
                .findFirst()
                .orElseThrow();
        assertThat(updated.payload()).contains("\"field\": \"amount\"").contains("\"newValue\": \"5000 EUR\"");
    }

    @Test
    void aListenerWithEventTypesGetsThoseOnlyAndTheOthersAreNeverQueuedForIt() {
        String account = api.fixtures().anAccount("Wählerisch GmbH");
        String id = opportunity("Wählerisch", account);
        String stage = api.data("{ pipelines { stages { id } } }", Map.of())
                .at("/pipelines/0/stages/1/id")
                .asString();
        api.ok(
                "mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { opportunity { id } errors { code } } }",
                "moveOpportunityStage",
                Map.of("id", id, "expectedVersion", 0, "stageId", stage));
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "updateOpportunity",
                Map.of("id", id, "expectedVersion", 1, "description", "nicht für Wählerische"));
        // the last event, newer than all of the deal's: a listener gets its events oldest first, so once it has this
        // one, any of the deal's events queued for it would have come before
        api.ok(
                "mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { errors { code } } }",
                "updateAccount",
                Map.of("id", account, "expectedVersion", 0, "industry", "Handel"));
        String deal = uuidOf(id);
        String company = uuidOf(account);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> typesOf(picky.events, company).contains("account.updated"));
        assertThat(typesOf(picky.events, company)).containsExactly("account.created", "account.updated");
        assertThat(typesOf(picky.events, deal)).containsExactly("opportunity.stage_changed");
        assertThat(typesOf(recording.events, deal))
                .as("the same events reach a listener without types")
                .contains("opportunity.created", "opportunity.stage_changed", "opportunity.updated");
    }

    @Test
    void aListenerWithTwoWorkersGetsEachEventOnce() {
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            deals.add(uuidOf(opportunity("Zwei Arbeiter " + i)));
        }
        List<Long> ids = jdbc.queryForList(
                "select id from domain_event where aggregate_id = any(?::uuid[])", Long.class, (Object)
                        deals.toArray(String[]::new));
        assertThat(ids).hasSize(12);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> twoWorkers.deliveredBy.keySet().containsAll(ids));
        ids.forEach(event -> assertThat(twoWorkers.deliveredBy.get(event))
                .as("deliveries of event " + event)
                .hasSize(1)
                .allMatch(thread -> thread.matches("openchance-events-test-two-workers-[12]")));
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName)
                        .filter(name -> name.startsWith("openchance-events-test-two-workers-")))
                .containsExactlyInAnyOrder(
                        "openchance-events-test-two-workers-1", "openchance-events-test-two-workers-2");
    }

    @Test
    void anEventNoListenerCanHandleBecomesAVisibleDeadLetterAndHoldsUpNobody() {
        String id = opportunity("Verloren");
        api.ok(
                "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "closeOpportunity",
                Map.of("id", id, "expectedVersion", 0, "outcome", "LOST", "reasons", List.of("Price")));
        api.ok(
                "mutation($input: ReopenOpportunityInput!) { reopenOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "reopenOpportunity",
                Map.of("id", id, "expectedVersion", 1));
        String uuid = uuidOf(id);

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLettersOf(uuid).size() == 1);
        JsonNode dead = deadLettersOf(uuid).get(0);
        assertThat(dead.get("listener").asString()).isEqualTo("test-broken");
        assertThat(dead.get("type").asString()).isEqualTo("opportunity.closed_lost");
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("lastError").asString()).contains("cannot handle");
        // After the dead letter the record's next event still reached the broken listener.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from event_pending where listener = 'test-broken' and not dead and aggregate_id = ?::uuid",
                                Integer.class,
                                uuid)
                        == 0);
        assertThat(typesOf(recording.events, uuid))
                .containsExactly("opportunity.created", "opportunity.closed_lost", "opportunity.reopened");

        // fixed, an admin replays it: the listener gets it, the dead letter is gone
        String replay = "mutation($input: ReplayDeadLettersInput!) { replayDeadLetters(input: $input) {"
                + " replayed errors { code field } } }";
        JsonNode refused = api.data(replay, Map.of("input", Map.of("eventIds", List.of("elf"))))
                .get("replayDeadLetters");
        assertThat(refused.at("/errors/0/code").asString()).isEqualTo("VALIDATION");
        assertThat(refused.get("replayed").isNull()).isTrue();
        assertThat(deadLettersOf(uuid)).hasSize(1); // nothing replayed by the refused input
        broken.fixed = true;
        String eventId = dead.get("eventId").asString();
        JsonNode replayed = api.data(
                        replay, Map.of("input", Map.of("listener", "test-broken", "eventIds", List.of(eventId))))
                .get("replayDeadLetters");
        assertThat(replayed.get("replayed").asInt()).as(replayed.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLettersOf(uuid).isEmpty());
        assertThat(typesOf(broken.handled, uuid)).contains("opportunity.closed_lost");
        assertThat(api.data(replay, Map.of("input", Map.of("listener", "test-broken", "eventIds", List.of(eventId))))
                        .at("/replayDeadLetters/replayed")
                        .asInt())
                .isZero(); // once delivered, nothing is left to replay
    }

    @Test
    void eachReminderFiresExactlyOnceWithTwoSchedulersOnOneDatabase() throws Exception {
        Instant due = Instant.now().minus(1, ChronoUnit.HOURS);
        for (int i = 0; i < 60; i++) {
            api.ok(
                    "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } errors { code field } } }",
                    "createTask",
                    Map.of(
                            "title",
                            "Erinnerung " + i,
                            "dueAt",
                            due.toString(),
                            "remindAt",
                            due.minus(i, ChronoUnit.MINUTES).toString()));
        }
        // A second server's scheduler: its own object and connections, the same database.
        ReminderScheduler other = new ReminderScheduler(taskQueries, transactions, tasks, events, Duration.ofHours(1));
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<Integer>> fired = new ArrayList<>();
        for (ReminderScheduler s : List.of(scheduler, other)) {
            fired.add(two.submit(() -> {
                int total = 0;
                for (int round = 0; round < 20; round++) {
                    total += s.fireDue();
                }
                return total;
            }));
        }
        int total = fired.get(0).get() + fired.get(1).get();
        two.shutdown();

        assertThat(total).as("60 reminders and 60 due notices").isEqualTo(120);
        assertThat(jdbc.queryForObject(
                        "select count(distinct aggregate_id) from domain_event where type = 'task.due'", Integer.class))
                .isEqualTo(60);
        assertThat(jdbc.queryForObject("select count(*) from domain_event where type = 'task.reminder'", Integer.class))
                .isEqualTo(60);
        assertThat(jdbc.queryForObject(
                        "select count(distinct aggregate_id) from domain_event where type = 'task.reminder'",
                        Integer.class))
                .isEqualTo(60);
        assertThat(jdbc.queryForObject("select count(*) from task where reminded_at is null", Integer.class))
                .isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> countOf(recording.events, "task.reminder") == 60);
        assertThat(scheduler.fireDue() + other.fireDue())
                .as("nothing fires twice")
                .isZero();
    }

    @Test
    void aWebhookIsRetriedAfterA500AndItsSignatureVerifies() throws Exception {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        List<String> signatures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        com.sun.net.httpserver.HttpServer receiver =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst("X-OpenChance-Signature"));
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            assertThat(api.errors(
                                    "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } errors { code field } } }",
                                    "createWebhook",
                                    "webhook",
                                    Map.of("url", "ftp://nope", "eventTypes", List.of("Not An Event")))
                            .findValuesAsString("field"))
                    .containsExactlyInAnyOrder("input.url", "input.eventTypes");
            // well-formed but not a type the server publishes: refused, with the ones it does
            assertThat(api.errors(
                                    "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } errors { code message field } } }",
                                    "createWebhook",
                                    "webhook",
                                    Map.of("url", url, "eventTypes", List.of("opportunity.renamed")))
                            .findValuesAsString("message"))
                    .singleElement()
                    .asString()
                    .contains("opportunity.stage_changed", "task.reminder")
                    .doesNotContain("opportunity.renamed");
            JsonNode created = api.ok(
                    "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id eventTypes } secret errors { code field } } }",
                    "createWebhook",
                    Map.of("url", url, "eventTypes", List.of("opportunity.created")));
            String secret = created.get("secret").asString();
            String webhook = created.at("/webhook/id").asString();

            String id = opportunity("Haken");
            api.ok(
                    "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                    "updateOpportunity",
                    Map.of("id", id, "expectedVersion", 0, "description", "not subscribed"));

            await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() >= 2);
            // nothing else comes: the webhook's worker handled the update (not subscribed: skipped) and has nothing
            // left
            String listener = "webhook:" + uuidOf(webhook);
            long update = jdbc.queryForObject(
                    "select id from domain_event where type = 'opportunity.updated'" + " and aggregate_id = ?::uuid",
                    Long.class,
                    uuidOf(id));
            assertThat(jdbc.queryForObject(
                            "select count(*) from event_subscription where listener = ?", Integer.class, listener))
                    .as("subscribed before the update, so the update was pending for it")
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from event_pending" + " where listener = ?",
                                    Integer.class,
                                    listener)
                            == 0);
            assertThat(update).isPositive();
            assertThat(calls.get()).isEqualTo(2);
            assertThat(bodies.get(1))
                    .isEqualTo(bodies.get(0))
                    .contains("\"type\":\"opportunity.created\"")
                    .contains(uuidOf(id));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256="
                    + java.util.HexFormat.of()
                            .formatHex(mac.doFinal(bodies.get(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(signatures).containsExactly(expected, expected);

            JsonNode log = api.data("{ webhooks { id deliveries { attempt statusCode success } } }", Map.of())
                    .get("webhooks");
            assertThat(log.get(0).get("id").asString()).isEqualTo(webhook);
            assertThat(log.at("/0/deliveries").toString())
                    .isEqualTo("[{\"attempt\":2,\"statusCode\":204,\"success\":true},"
                            + "{\"attempt\":1,\"statusCode\":500,\"success\":false}]");

            api.ok(
                    "mutation($input: DeleteWebhookInput!) { deleteWebhook(input: $input) { webhook { active } errors { code } } }",
                    "deleteWebhook",
                    Map.of("id", webhook));
            String after = uuidOf(opportunity("Nach dem Haken"));
            // the event went out (the recording listener has it), and no delivery of it is pending for the deleted
            // webhook
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> typesOf(recording.events, after).contains("opportunity.created"));
            assertThat(jdbc.queryForObject(
                            "select count(*) from event_pending p join domain_event e on e.id = p.event_id"
                                    + " where p.listener = ? or e.aggregate_id = ?::uuid and p.listener like 'webhook:%'",
                            Integer.class, listener, after))
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "select count(*) from event_subscription where listener = ?", Integer.class, listener))
                    .isZero();
            assertThat(calls.get()).as("a deleted webhook gets nothing").isEqualTo(2);
        } finally {
            receiver.stop(0);
        }
    }

    /** How many events of the type the listener has (its list grows on the dispatcher's thread meanwhile). */
    private static long countOf(List<DomainEvent> events, String type) {
        return copyOf(events).stream().filter(e -> e.type().equals(type)).count();
    }

    /** What the listener has so far: its synchronized list may not be streamed while the dispatcher appends. */
    private static List<DomainEvent> copyOf(List<DomainEvent> events) {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private List<String> typesOf(List<DomainEvent> events, String aggregate) {
        synchronized (events) {
            return events.stream()
                    .filter(e -> e.aggregateId().toString().equals(aggregate))
                    .map(DomainEvent::type)
                    .toList();
        }
    }

    private List<JsonNode> deadLettersOf(String aggregate) {
        List<JsonNode> mine = new ArrayList<>();
        api.data("{ deadLetters(first: 100) { listener eventId type aggregateId attempts lastError } }", Map.of())
                .get("deadLetters")
                .forEach(d -> {
                    if (d.get("aggregateId").asString().equals(aggregate)) {
                        mine.add(d);
                    }
                });
        return mine;
    }

    private static String uuidOf(String apiId) {
        return GlobalId.decode(apiId).orElseThrow().uuid().toString();
    }

    private String opportunity(String name) {
        return opportunity(name, api.fixtures().anAccount(name + " GmbH"));
    }

    private String opportunity(String name, String account) {
        return api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of("name", name, "accountId", account))
                .at("/opportunity/id")
                .asString();
    }
}

package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.pluginhost.PluginFramework;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.plugin.StoredPluginSwitches;
import org.openchance.store.plugin.PluginRoles;
import org.openchance.store.plugin.PluginSwitchStore;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;
import org.openchance.testkit.server.ServerTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Real plugin bundles dropped into the watched folder of the running server, and taken out again. */
@ServerTest(properties = {"openchance.plugins.call-budget=300ms", "openchance.plugins.failure-limit=4"})
class PluginHotDeployIT {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHotDeployIT.class);
    static final Path PLUGINS = PluginBundles.temporaryFolder("openchance-plugin-dir-");

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
    void setUp() {
        api = new GraphQlClient(port);
        if (jdbc.queryForObject("select count(*) from app_user", Integer.class) == 0) {
            api.createEmployee("Paula Plugin", "paula@example.com");
        }
    }

    @Test
    void aDroppedInBundleScoresAndLeavesAgainWithoutARestart() throws Exception {
        String account = api.fixtures().anAccount("Groß Plugin AG", Map.of("employeeCount", 850));
        String deal = api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of(
                                "name",
                                "Plugin-Projekt",
                                "accountId",
                                account,
                                "amount",
                                Map.of("amount", "100000", "currency", "EUR"),
                                "budget",
                                Map.of("amount", "120000", "currency", "EUR")))
                .at("/opportunity/id")
                .asString();
        String scoreQuery =
                "query($id: ID!) { opportunity(id: $id) { name score { value strategy contributions { criterion weight value points explanation } }"
                        + " scores { strategy } } }";
        JsonNode before = api.data(scoreQuery, Map.of("id", deal)).get("opportunity");
        assertThat(before.get("score").isNull()).isTrue();
        assertThat(before.get("scores").size()).isZero();

        long dropped = System.nanoTime();
        Path installed = drop(exampleBundle(), "example-scoring.jar");
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> api.data("{ scoringStrategies { id } }", Map.of())
                                .get("scoringStrategies")
                                .size()
                        == 1);
        LOG.info("A dropped-in bundle answered in GraphQL after {} ms", (System.nanoTime() - dropped) / 1_000_000);

        JsonNode plugin = api.data("{ plugins { id name state extensionPoints lastError } }", Map.of())
                .at("/plugins/0");
        assertThat(plugin.get("id").asString()).isEqualTo("org.openchance.plugins.example-scoring");
        assertThat(plugin.get("name").asString()).isEqualTo("Example scoring");
        assertThat(plugin.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(plugin.get("extensionPoints").toString()).contains("ScoringStrategy");

        JsonNode scored = api.data(scoreQuery, Map.of("id", deal)).get("opportunity");
        // 0.4 x 100 (850 employees) + 0.4 x 100 (budget covers the amount) + 0.2 x 50 (no partner) = 90
        assertThat(scored.at("/score/value").asDouble()).isEqualTo(90.0);
        assertThat(scored.at("/score/strategy").asString()).isEqualTo("example-fit");
        assertThat(scored.at("/score/contributions").findValuesAsString("criterion"))
                .containsExactly("Company size", "Budget coverage", "Partner on team");
        assertThat(scored.at("/score/contributions/1/value").asString()).isEqualTo("1.20");
        assertThat(scored.at("/scores/0/strategy").asString()).isEqualTo("example-fit");

        // Its schema contribution is live too: a new query answers.
        await().atMost(Duration.ofSeconds(20)).until(() -> api.execute("{ exampleFitCriteria { name } }", Map.of())
                .path("errors")
                .isMissingNode());
        assertThat(api.data("{ exampleFitCriteria { name weightPercent } }", Map.of())
                        .get("exampleFitCriteria")
                        .toString())
                .isEqualTo(
                        "[{\"name\":\"Company size\",\"weightPercent\":40},{\"name\":\"Budget coverage\",\"weightPercent\":40},"
                                + "{\"name\":\"Partner on team\",\"weightPercent\":20}]");
        assertThat(plugin.get("extensionPoints").toString()).contains("SchemaContribution");

        Files.delete(installed);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ scoringStrategies { id } }", Map.of())
                .get("scoringStrategies")
                .isEmpty());
        JsonNode gone = api.execute("{ exampleFitCriteria { name } }", Map.of());
        assertThat(gone.at("/errors/0/message").asString())
                .as("the field left with the plugin")
                .contains("exampleFitCriteria");
        assertThat(api.data(scoreQuery, Map.of("id", deal))
                        .at("/opportunity/score")
                        .isNull())
                .isTrue();
        assertThat(api.data("{ plugins { id } }", Map.of()).get("plugins").size())
                .isZero();
    }

    @Test
    void aThrowingAndASleepingStrategyCostOnlyTheirOwnScoresAndAreSwitchedOffWhenTheyKeepFailing() throws Exception {
        String account = api.fixtures().anAccount("Isolation KG");
        String deal = api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of("name", "Isoliert", "accountId", account))
                .at("/opportunity/id")
                .asString();
        Path good = drop(bundle("org/openchance/plugins/examplescoring/FitScoring.class"), "example-scoring.jar");
        Path bad = drop(bundle("org/openchance/plugins/faultyscoring/ThrowingScoring.class"), "faulty-scoring.jar");
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.data("{ scoringStrategies { id } }", Map.of())
                                    .get("scoringStrategies")
                                    .size()
                            == 3);
            // Its schema contribution collides with a product field: refused and reported, the rest of the schema
            // lives.
            await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ plugins { id lastError } }", Map.of())
                    .get("plugins")
                    .toString()
                    .contains("schema contribution refused"));
            await().atMost(Duration.ofSeconds(20)).until(() -> api.execute("{ exampleFitCriteria { name } }", Map.of())
                    .path("errors")
                    .isMissingNode());
            String query =
                    "query($id: ID!) { opportunity(id: $id) { name score { strategy } scores { strategy value } } }";
            JsonNode response = api.execute(query, Map.of("id", deal));
            assertThat(response.at("/data/opportunity/name").asString()).isEqualTo("Isoliert");
            assertThat(response.at("/data/opportunity/score/strategy").asString())
                    .isEqualTo("example-fit");
            assertThat(response.at("/data/opportunity/scores").findValuesAsString("strategy"))
                    .containsExactly("example-fit");
            assertThat(response.get("errors").findValuesAsString("message"))
                    .hasSize(2)
                    .anyMatch(m -> m.contains("broken on purpose"))
                    .anyMatch(m -> m.contains("did not answer within 300 ms"));
            assertThat(response.get("errors").findValuesAsString("plugin"))
                    .containsOnly("org.openchance.plugins.test-faulty-scoring");
            assertThat(response.get("errors").findValuesAsString("code")).containsOnly("PLUGIN_ERROR");

            api.execute(query, Map.of("id", deal)); // failures 3 and 4 in a row: switched off
            JsonNode plugins =
                    api.data("{ plugins { id state lastError } }", Map.of()).get("plugins");
            assertThat(plugins.toString())
                    .contains("{\"id\":\"org.openchance.plugins.test-faulty-scoring\",\"state\":\"DISABLED\"");
            JsonNode calm = api.execute(query, Map.of("id", deal));
            assertThat(calm.path("errors").isMissingNode()).as(calm.toString()).isTrue();
            assertThat(calm.at("/data/opportunity/scores").findValuesAsString("strategy"))
                    .containsExactly("example-fit");

            JsonNode enabled = api.ok(
                    "mutation($input: EnablePluginInput!) { enablePlugin(input: $input) { plugin { state } errors { code } } }",
                    "enablePlugin",
                    Map.of("id", "org.openchance.plugins.test-faulty-scoring"));
            assertThat(enabled.at("/plugin/state").asString()).isEqualTo("ACTIVE");
        } finally {
            Files.delete(good);
            Files.delete(bad);
            await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ plugins { id } }", Map.of())
                    .get("plugins")
                    .isEmpty());
        }
    }

    @Test
    void aPluginsNullOrNaNCostsOnlyItsOwnFieldAndItCannotReplaceTheProductsResolvers() throws Exception {
        String account = api.fixtures().anAccount("Eindämmung KG");
        api.fixtures().anOpportunity(account, "Eingedämmt");
        Path bad = drop(bundle("org/openchance/plugins/faultyfields/NullingSchema.class"), "faulty-fields.jar");
        try {
            java.util.concurrent.atomic.AtomicReference<JsonNode> last =
                    new java.util.concurrent.atomic.AtomicReference<>();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    last.set(api.execute("{ opportunities(first: 1) { edges { node { faultyFlag } } } }", Map.of()));
                    return last.get().path("errors").findValuesAsString("code").contains("PLUGIN_ERROR");
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("last answer: " + last.get(), e);
            }
            JsonNode response = api.execute(
                    "{ opportunities(first: 5) { totalCount edges { node { name faultyFlag faultyRatio faultyTags } } } }",
                    Map.of());
            // the page and every opportunity on it are there; only the plugin's fields are null
            JsonNode edges = response.at("/data/opportunities/edges");
            assertThat(edges.size()).as(response.toString()).isPositive();
            assertThat(edges.findValuesAsString("name")).contains("Eingedämmt").doesNotContain("hijacked");
            for (JsonNode edge : edges) {
                assertThat(edge.at("/node/faultyFlag").isNull()).isTrue();
                assertThat(edge.at("/node/faultyRatio").isNull()).isTrue();
                assertThat(edge.at("/node/faultyTags").isNull()).isTrue();
            }
            assertThat(response.get("errors").findValuesAsString("message"))
                    .anyMatch(m -> m.contains("null returned for a non-null field for Opportunity.faultyFlag"))
                    .anyMatch(m -> m.contains("NaN returned"));
            // the contribution that resolves Opportunity.name besides its own field is refused whole
            JsonNode fields = api.data("{ __type(name: \"Opportunity\") { fields { name type { kind } } } }", Map.of())
                    .at("/__type/fields");
            assertThat(fields.findValuesAsString("name")).contains("faultyFlag").doesNotContain("faultyNote");
            // served nullable, whatever the plugin's SDL says
            for (JsonNode field : fields) {
                if (field.get("name").asString().equals("faultyFlag")) {
                    assertThat(field.at("/type/kind").asString()).isEqualTo("SCALAR");
                }
            }
        } finally {
            Files.delete(bad);
            await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ plugins { id } }", Map.of())
                    .get("plugins")
                    .isEmpty());
        }
    }

    @Test
    void aPluginsSqlReachesItsOwnSchemaOnly() throws Exception {
        Path jar = bundle("org/openchance/plugins/teststorage/NotesSchema.class");
        String schema = "plugin_org_openchance_plugins_test_storage";
        Path installed = drop(jar, "test-storage.jar");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> api.execute("{ testStorageNotes }", Map.of())
                    .path("errors")
                    .isMissingNode());
            List<String> reach = new ArrayList<>();
            api.data("{ testStorageReach }", Map.of()).get("testStorageReach").forEach(r -> reach.add(r.asText()));
            // 42501: insufficient_privilege, for each; the plugin's own table is the control that its SQL runs at all
            assertThat(reach)
                    .containsExactly(
                            "own table: allowed",
                            "host table: refused 42501",
                            "host table by search path: refused 42501",
                            "become another session user: refused 42501",
                            "plugin passwords: refused 42501",
                            "role function: refused 42501",
                            "become superuser: refused 42501",
                            "create in public: refused 42501",
                            "read a server file: refused 42501",
                            "run a program: refused 42501");

            String role = PluginRoles.roleName(schema, jdbc.queryForObject("select current_database()", String.class));
            assertThat(jdbc.queryForObject(
                            "select tableowner from pg_tables where schemaname = ? and tablename = 'note'",
                            String.class,
                            schema))
                    .isEqualTo(role);
            assertThat(jdbc.queryForMap(
                                    "select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = ?",
                                    role)
                            .values())
                    .containsOnly(false);
            // The host reads a key table of the plugin's as the plugin: a view whose function reads a product table
            // is refused, where as the server's role it would have handed the number of users back as a key.
            String account = api.fixtures().anAccount("Schlüsseltabellen AG");
            String deal = api.fixtures().anOpportunity(account, "Geschlossen");
            api.ok(
                    "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { opportunity { id } errors { code } } }",
                    "closeOpportunity",
                    Map.of("id", deal, "expectedVersion", 0, "outcome", "WON", "closedAt", "2026-11-30"));
            jdbc.update(
                    "insert into " + schema + ".deal_key values (?::uuid, 'mine')",
                    GlobalId.decode(deal, "Opportunity").orElseThrow().toString());
            assertThat(api.data("{ testStorageClosedKeys(table: \"deal_key\") }", Map.of())
                            .get("testStorageClosedKeys")
                            .toString())
                    .as("the plain table: the control")
                    .contains("\"mine=1\"");
            var leaky = api.execute("{ testStorageClosedKeys(table: \"leaky_deal_key\") }", Map.of());
            String users = jdbc.queryForObject("select count(*)::text from app_user", String.class);
            assertThat(leaky.at("/errors/0/extensions/code").asText()).isEqualTo("PLUGIN_ERROR");
            assertThat(leaky.toString()).doesNotContain("\"" + users + "=1\"");
            // its connections log in as that role, not as the server's
            assertThat(jdbc.queryForObject(
                            "select count(*) from pg_stat_activity where usename = ? and datname = current_database()",
                            Integer.class,
                            role))
                    .isPositive();
        } finally {
            Files.delete(installed);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.execute("{ testStorageNotes }", Map.of()).has("errors"));
            // the next test installs the plugin on an empty database, as a first start does
            jdbc.execute("drop schema " + schema + " cascade");
        }
    }

    /**
     * A plugin's field on a host type resolved in batches (item 11): a page's occurrences reach the plugin in one call,
     * each with its own record and arguments; a batch answered with the wrong number of values is an error of each of
     * its fields, and the rest of the page stands.
     */
    @Test
    void aPluginsBatchFieldResolvesAPageInOneCall() throws Exception {
        Path jar = bundle("org/openchance/plugins/teststorage/NotesSchema.class");
        Path installed = drop(jar, "test-storage.jar");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> api.execute("{ testStorageNotes }", Map.of())
                    .path("errors")
                    .isMissingNode());
            String account = api.fixtures().anAccount("Stapelweise KG");
            for (int n = 0; n < 5; n++) {
                api.fixtures().anOpportunity(account, "Stapel " + n);
            }
            String query =
                    "query($account: ID!) { opportunities(first: 10, filter: { accountId: $account }) { edges { node {"
                            + " id name a: testStorageBatch(tag: \"x\") b: testStorageBatch(tag: \"y\")"
                            + " testStorageBatchShort } } } }";
            // (the folder watcher may report the new jar twice: the plugin is updated in place once more meanwhile)
            var response = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> api.execute(query, Map.of("account", account)),
                            r -> r.at("/data/opportunities/edges").size() == 5);
            var edges = response.at("/data/opportunities/edges");
            assertThat(edges.size()).as(response.toString()).isEqualTo(5);
            java.util.Set<String> calls = new java.util.HashSet<>();
            for (var edge : edges) {
                String uuid = GlobalId.decode(edge.at("/node/id").asText(), "Opportunity")
                        .orElseThrow()
                        .toString();
                String a = edge.at("/node/a").asText();
                String b = edge.at("/node/b").asText();
                assertThat(a).contains(" of 10: ").endsWith(uuid + " x");
                assertThat(b).contains(" of 10: ").endsWith(uuid + " y");
                calls.add(a.substring(0, a.indexOf(':')));
                calls.add(b.substring(0, b.indexOf(':')));
                assertThat(edge.at("/node/name").asText()).startsWith("Stapel ");
                assertThat(edge.at("/node/testStorageBatchShort").isNull()).isTrue();
            }
            assertThat(calls).as("both aliases of all five deals in one call").hasSize(1);
            List<String> errors = new ArrayList<>();
            response.get("errors")
                    .forEach(e -> errors.add(e.at("/extensions/code").asText() + " "
                            + e.at("/path/4").asText() + " " + e.get("message").asText()));
            assertThat(errors)
                    .hasSize(5)
                    .allMatch(e -> e.startsWith("PLUGIN_ERROR testStorageBatchShort ")
                            && e.endsWith("4 values returned for 5 fields"));
        } finally {
            Files.delete(installed);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.execute("{ testStorageNotes }", Map.of()).has("errors"));
        }
    }

    @Test
    void aPluginsMigrationsCreateItsTablesInItsOwnSchemaOnceOnly() throws Exception {
        Path jar = bundle("org/openchance/plugins/teststorage/NotesSchema.class");
        String schema = "plugin_org_openchance_plugins_test_storage";
        Path installed = drop(jar, "test-storage.jar");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.execute("{ testStorageNotes }", Map.of())
                .path("errors")
                .isMissingNode());
        // (events of opportunities other tests created wait for its listener and may be noted already)
        assertThat(notesOtherThanEvents()).containsExactly("created by migration V1");
        assertThat(api.data("{ testStorageSchema }", Map.of())
                        .get("testStorageSchema")
                        .asText())
                .isEqualTo(schema);
        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.tables where table_schema = ? and table_name = 'note'",
                        Integer.class,
                        schema))
                .isOne();
        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.tables where table_schema = 'public' and table_name = 'note'",
                        Integer.class))
                .as("not in the product's schema")
                .isZero();

        // Data written meanwhile survives the plugin going and coming back, and V1 does not run again.
        jdbc.update("insert into " + schema + ".note (text) values ('kept')");
        Files.delete(installed);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.execute("{ testStorageNotes }", Map.of()).has("errors"));
        installed = drop(jar, "test-storage.jar");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.execute("{ testStorageNotes }", Map.of())
                .path("errors")
                .isMissingNode());
        assertThat(notesOtherThanEvents()).containsExactly("created by migration V1", "kept");
        assertThat(jdbc.queryForObject(
                        "select count(*) from " + schema + ".flyway_schema_history where version = '1'", Integer.class))
                .isOne();

        // Its event listener gets the domain events and writes into its own table.
        String account = api.fixtures().anAccount("Ereignis-Plugin GmbH");
        String deal = api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of("name", "Gehört", "accountId", account))
                .at("/opportunity/id")
                .asString();
        String uuid = GlobalId.decode(deal, "Opportunity").orElseThrow().toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ testStorageNotes }", Map.of())
                .get("testStorageNotes")
                .toString()
                .contains("event opportunity.created " + uuid));

        // The host services: snapshots page by page, an activity logged through the product's rules, settings.
        int open = jdbc.queryForObject(
                "select count(*) from opportunity where status = 'OPEN' and deleted_at is null", Integer.class);
        assertThat(api.data("{ testStorageOpenCount }", Map.of())
                        .get("testStorageOpenCount")
                        .asInt())
                .isEqualTo(open)
                .isPositive();
        String activity = api.data(
                        "mutation($id: String!) { testStorageLog(opportunityUuid: $id) }", Map.of("id", uuid))
                .get("testStorageLog")
                .asString();
        assertThat(api.data(
                                "query($id: ID!) { opportunity(id: $id) { activities { edges { node { id subject } } } } }",
                                Map.of("id", deal))
                        .at("/opportunity/activities/edges/0/node/subject")
                        .asString())
                .isEqualTo("Noted by the storage plugin");
        assertThat(jdbc.queryForObject("select count(*) from activity where id = ?::uuid", Integer.class, activity))
                .isOne();
        assertThat(api.data("query($id: String!) { testStorageSummary(opportunityUuid: $id) }", Map.of("id", uuid))
                        .get("testStorageSummary")
                        .asString())
                .isEqualTo("Ereignis-Plugin GmbH / Noted by the storage plugin");
        assertThat(api.data("{ testStorageGreeting }", Map.of())
                        .get("testStorageGreeting")
                        .asString())
                .isEqualTo("hello");
        JsonNode configured = api.ok(
                "mutation($input: ConfigurePluginInput!) { configurePlugin(input: $input) { plugin { settings { key value } } errors { code field } } }",
                "configurePlugin",
                Map.of(
                        "id",
                        "org.openchance.plugins.test-storage",
                        "settings",
                        java.util.List.of(Map.of("key", "greeting", "value", "Moin"))));
        assertThat(configured.at("/plugin/settings").toString())
                .isEqualTo("[{\"key\":\"greeting\",\"value\":\"Moin\"}]");
        assertThat(api.data("{ testStorageGreeting }", Map.of())
                        .get("testStorageGreeting")
                        .asString())
                .isEqualTo("Moin");
        assertThat(api.errors(
                                "mutation($input: ConfigurePluginInput!) { configurePlugin(input: $input) { plugin { id } errors { code field } } }",
                                "configurePlugin",
                                "plugin",
                                Map.of(
                                        "id",
                                        "org.openchance.plugins.test-storage",
                                        "settings",
                                        java.util.List.of(Map.of("key", "no spaces", "value", "x"))))
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("input.settings[0].key");
        assertThat(api.data("{ testStorageGreeting }", Map.of())
                        .get("testStorageGreeting")
                        .asString())
                .as("nothing changed")
                .isEqualTo("Moin");

        // Switched off by hand, its fields answer with an error naming it, until it is switched on again.
        String id = "org.openchance.plugins.test-storage";
        assertThat(api.ok(
                                "mutation($input: DisablePluginInput!) { disablePlugin(input: $input) { plugin { state } errors { code } } }",
                                "disablePlugin",
                                Map.of("id", id))
                        .at("/plugin/state")
                        .asString())
                .isEqualTo("DISABLED");
        assertThat(api.execute("{ testStorageGreeting }", Map.of())
                        .at("/errors/0/extensions/plugin")
                        .asString())
                .isEqualTo(id);
        // its event listener's events wait meanwhile: postponed without a counted try, so none becomes a dead letter
        String listener = "plugin:" + id + ":event-notes";
        String whileOff = GlobalId.decode(api.fixtures().anOpportunity(account, "Während aus"), "Opportunity")
                .orElseThrow()
                .toString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from event_pending p join domain_event e on e.id = p.event_id where p.listener = ?"
                                        + " and e.aggregate_id = ?::uuid and p.last_error like '%switched off%'",
                                Integer.class, listener, whileOff)
                        > 0);
        assertThat(jdbc.queryForObject(
                        "select coalesce(max(attempts), 0) from event_pending where listener = ?",
                        Integer.class,
                        listener))
                .isZero();
        // it asks for opportunity.created only (openchance.event.types): the deal's update is never queued for it
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { errors { code } } }",
                "updateOpportunity",
                Map.of(
                        "id",
                        GlobalId.of("Opportunity", java.util.UUID.fromString(whileOff)),
                        "expectedVersion",
                        0,
                        "description",
                        "geändert"));
        assertThat(jdbc.queryForList(
                        "select type from domain_event where aggregate_id = ?::uuid order by id",
                        String.class,
                        whileOff))
                .containsExactly("opportunity.created", "opportunity.updated");
        assertThat(jdbc.queryForList(
                        "select e.type from event_pending p join domain_event e on e.id = p.event_id"
                                + " where p.listener = ? and e.aggregate_id = ?::uuid",
                        String.class,
                        listener,
                        whileOff))
                .containsExactly("opportunity.created");
        assertThat(jdbc.queryForObject(
                        "select array_to_string(event_types, ',') from event_subscription where listener = ?",
                        String.class,
                        listener))
                .isEqualTo("opportunity.created");
        // the switch is kept in PostgreSQL: another server on the database (or this one after a restart) has it off too
        assertThat(jdbc.queryForList("select plugin_id from plugin_switch", String.class))
                .containsExactly(id);
        try (PluginRegistry other = new PluginRegistry(
                framework,
                Duration.ofSeconds(2),
                5,
                new StoredPluginSwitches(new PluginSwitchStore(jdbc.getDataSource()), Duration.ofSeconds(2)))) {
            assertThat(other.plugins().stream()
                            .filter(p -> p.id().equals(id))
                            .findFirst()
                            .orElseThrow()
                            .state())
                    .isEqualTo("DISABLED");
        }
        api.ok(
                "mutation($input: EnablePluginInput!) { enablePlugin(input: $input) { plugin { state } errors { code } } }",
                "enablePlugin",
                Map.of("id", id));
        assertThat(api.data("{ testStorageGreeting }", Map.of())
                        .get("testStorageGreeting")
                        .asString())
                .isEqualTo("Moin");
        assertThat(jdbc.queryForList("select plugin_id from plugin_switch", String.class))
                .isEmpty();
        // switched on, the listener gets what waited for it
        await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ testStorageNotes }", Map.of())
                .get("testStorageNotes")
                .toString()
                .contains("event opportunity.created " + whileOff));
        Files.delete(installed);
    }

    private List<String> notesOtherThanEvents() {
        List<String> notes = new ArrayList<>();
        api.data("{ testStorageNotes }", Map.of()).get("testStorageNotes").forEach(n -> notes.add(n.asText()));
        notes.removeIf(n -> n.startsWith("event "));
        return notes;
    }

    @Test
    void replacingTheJarUpdatesThePluginInPlace() throws Exception {
        Path installed = drop(bundle("org/openchance/plugins/faultyscoring/ThrowingScoring.class"), "updating.jar");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ scoringStrategies { id } }", Map.of())
                    .get("scoringStrategies")
                    .findValuesAsString("id")
                    .equals(java.util.List.of("test-sleeps", "test-throws")));
            long bundleId = bundleIdOf("org.openchance.plugins.test-faulty-scoring");
            // Version 0.2.0 of the same plugin (same symbolic name), which now brings the Fit strategy instead.
            drop(relabelled(exampleBundle(), "org.openchance.plugins.test-faulty-scoring", "0.2.0"), "updating.jar");
            await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ scoringStrategies { id } }", Map.of())
                    .get("scoringStrategies")
                    .findValuesAsString("id")
                    .equals(java.util.List.of("example-fit")));
            JsonNode plugins = api.data("{ plugins { id version } }", Map.of()).get("plugins");
            assertThat(plugins.toString())
                    .isEqualTo("[{\"id\":\"org.openchance.plugins.test-faulty-scoring\",\"version\":\"0.2.0\"}]");
            assertThat(bundleIdOf("org.openchance.plugins.test-faulty-scoring"))
                    .as("updated, not reinstalled")
                    .isEqualTo(bundleId);
        } finally {
            Files.delete(installed);
            await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ plugins { id } }", Map.of())
                    .get("plugins")
                    .isEmpty());
        }
    }

    @Autowired
    PluginFramework framework;

    private long bundleIdOf(String symbolicName) {
        return java.util.Arrays.stream(framework.framework().getBundleContext().getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow()
                .getBundleId();
    }

    /** A copy of the jar with another symbolic name and version in its manifest. */
    private static Path relabelled(Path jar, String symbolicName, String version) throws IOException {
        Path copy = Files.createTempFile("relabelled", ".jar");
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), manifest)) {
                for (java.util.jar.JarEntry entry : java.util.Collections.list(in.entries())) {
                    if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                    in.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return copy;
    }

    @Test
    void aBundleThatCannotResolveIsReportedAndTheServerKeepsServing() throws Exception {
        Path broken = Files.createTempFile("broken", ".jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "com.example.broken");
        main.putValue("Import-Package", "com.example.missing;version=\"[1.0,2)\"");
        try (OutputStream out = Files.newOutputStream(broken);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Path installed = drop(broken, "broken.jar");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> api.data("{ plugins { id state lastError } }", Map.of())
                    .get("plugins")
                    .findValuesAsString("id")
                    .contains("com.example.broken"));
            JsonNode plugin =
                    api.data("{ plugins { id state lastError } }", Map.of()).at("/plugins/0");
            assertThat(plugin.get("state").asString()).isEqualTo("FAILED");
            assertThat(plugin.get("lastError").asString()).contains("com.example.missing");
            assertThat(api.data("{ pipelines { name } }", Map.of())
                            .at("/pipelines/0/name")
                            .asString())
                    .isEqualTo("Sales");
        } finally {
            Files.delete(installed);
        }
    }

    @Test
    void safeModeStartsNoPlugin() throws Exception {
        Path folder = temporaryFolder("openchance-safe-mode-");
        Files.copy(exampleBundle(), folder.resolve("example-scoring.jar"));
        try (PluginFramework safe = PluginFramework.start(temporaryFolder("openchance-safe-cache-"), folder, true)) {
            // the framework runs (Declarative Services active), but the folder watcher that installs plugins does not
            assertThat(safe.running()).isTrue();
            assertThat(bundleState(safe, "org.apache.felix.scr")).isEqualTo(org.osgi.framework.Bundle.ACTIVE);
            assertThat(bundleState(safe, "org.apache.felix.fileinstall"))
                    .isNotEqualTo(org.osgi.framework.Bundle.ACTIVE)
                    .isNotZero();
            assertThat(java.util.Arrays.stream(
                                    safe.framework().getBundleContext().getBundles())
                            .map(b -> b.getSymbolicName())
                            .toList())
                    .doesNotContain("org.openchance.plugins.example-scoring");
        }
        try (PluginFramework normal =
                PluginFramework.start(temporaryFolder("openchance-normal-cache-"), folder, false)) {
            assertThat(bundleState(normal, "org.apache.felix.fileinstall")).isEqualTo(org.osgi.framework.Bundle.ACTIVE);
            await().atMost(Duration.ofSeconds(20)).until(() -> java.util.Arrays.stream(
                            normal.framework().getBundleContext().getBundles())
                    .anyMatch(b -> "org.openchance.plugins.example-scoring".equals(b.getSymbolicName())));
        }
    }

    /** The state of the bundle with this symbolic name (0: not installed). */
    private static int bundleState(PluginFramework framework, String symbolicName) {
        return java.util.Arrays.stream(framework.framework().getBundleContext().getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .mapToInt(org.osgi.framework.Bundle::getState)
                .findFirst()
                .orElse(0);
    }

    private static Path drop(Path bundle, String name) throws IOException {
        return PluginBundles.drop(PLUGINS, bundle, name);
    }

    /** The example plugin as Maven built it (a test dependency of this module). */
    private static Path exampleBundle() {
        return bundle("org/openchance/plugins/examplescoring/FitScoring.class");
    }

    private static Path bundle(String classFile) {
        return PluginBundles.jarOf(classFile);
    }

    private static Path temporaryFolder(String prefix) {
        return PluginBundles.temporaryFolder(prefix);
    }
}

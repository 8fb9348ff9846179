package org.openchance.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openchance.localservices.Folders;
import org.openchance.localservices.FreePorts;
import org.openchance.testkit.TestDatabase;
import org.openchance.testkit.TestSearch;
import org.openchance.testkit.TestServices;

/**
 * The packaged product ({@code target/openchance}, as a user runs it through {@code bin/openchance}) in a process of
 * its own: the embedded default, a restart on the same data, a stop that leaves no process behind, and external
 * services.
 */
class LauncherIT {

    private static Path root;

    @BeforeAll
    static void createRoot() throws IOException {
        // Below /tmp and world-readable: as root the services run as "nobody".
        root = Files.createTempDirectory(
                Path.of("/tmp"),
                "openchance-launcher-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterAll
    static void deleteRoot() throws IOException {
        Folders.deleteRecursively(root);
    }

    @Test
    void embeddedDefaultServesTheApiKeepsItsDataAndStopsEverything() throws Exception {
        Path data = root.resolve("data");
        int dbPort = FreePorts.next();
        List<String> args = List.of(
                "start",
                "--data-dir",
                data.toString(),
                "--embedded-db-port",
                String.valueOf(dbPort),
                "--embedded-es-port",
                String.valueOf(FreePorts.next()));

        try (LaunchedServer first = LaunchedServer.start(args, root.resolve("first.log"))) {
            assertThat(first.graphql("{ __typename }")).isEqualTo("{\"data\":{\"__typename\":\"Query\"}}");
            assertThat(first.get("/graphql/schema")).contains("type Query");
            assertThat(first.get("/graphiql")).contains("/webjars/graphiql/graphiql.min.js");
            assertThat(first.get("/app/")).contains("/app/js/main.js");
            assertThat(first.get("/actuator/health"))
                    .contains("\"db\":{")
                    .contains("\"search\":{")
                    .doesNotContain("DOWN");
            assertThat(first.output())
                    .contains("Demo data     loaded")
                    .contains("Web app       http://localhost:")
                    .contains("Sign in       in the web app (or GraphiQL, or POST")
                    .contains(DemoDataGenerator.DEMO_ADMIN);
            assertThat(first.graphql("{ opportunities(first: 100) { totalCount } pipelines { name } }"))
                    .contains("\"pipelines\":[{\"name\":\"Sales\"},{\"name\":\"Renewals\"}]")
                    .doesNotContain("\"totalCount\":0");
            assertThat(countUsers(data, dbPort)).isEqualTo(5);
            assertTheDatabaseAsksForPasswordsAndTheServerIsNoSuperuser(data, dbPort);
            // the demo data is searchable at once: start rebuilds the indices after loading it
            assertThat(
                            first.graphql(
                                    "{ search(query: \\\"mueller maschinenbau\\\", types: [ACCOUNT]) { edges { node { ... on Account { name } } } } }"))
                    .contains("M\u00fcller Maschinenbau GmbH");
            // the product's plugins are installed on the first start: demo deals have scorecard scores
            assertThat(first.output())
                    .contains("installed: competitors.jar, forecast-monte-carlo.jar,"
                            + " forecast-stage-conversion.jar, forecast-weighted.jar, quotes.jar, scoring-criteria.jar,"
                            + " scoring-predictive.jar");
            assertThat(data.resolve("plugins/competitors.jar")).isRegularFile();
            assertThat(data.resolve("plugins/quotes.jar")).isRegularFile();
            assertThat(data.resolve("plugins/scoring-criteria.jar")).isRegularFile();
            assertThat(data.resolve("plugins/scoring-predictive.jar")).isRegularFile();
            String scored =
                    "{ opportunities(first: 1, filter: { status: OPEN }) { edges { node { score { strategy } } } } }";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!first.graphql(scored).contains("\"strategy\":\"criteria\"") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(first.graphql(scored)).contains("\"strategy\":\"criteria\"");
            // loaded before the server started, the demo data is what the plugins first see: every deal's history
            // starts with its score, and the learned model counts the closed demo deals (too few to learn from)
            String history = "{ opportunities(first: 1) { edges { node { scoreHistory { scorecardVersion } } } } }";
            while (!first.graphql(history).contains("\"scorecardVersion\":1") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(first.graphql(history)).contains("\"scorecardVersion\":1");
            // the competitors plugin makes records of the demo's winners and shows wins and losses against them
            String analysis = "{ competitors { totalCount } winLossAnalysis(from: \\\"2000-01-01\\\", to:"
                    + " \\\"2100-01-01\\\", groupBy: COMPETITOR) { label wins losses } }";
            java.util.regex.Pattern nordWithWins =
                    java.util.regex.Pattern.compile("\"label\":\"Kompressorenwerk Nord GmbH\",\"wins\":[1-9]");
            while (!nordWithWins.matcher(first.graphql(analysis)).find() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(first.graphql(analysis)).contains("\"totalCount\":12").containsPattern(nordWithWins);
            // the quotes plugin makes its catalogue and quotes on demo deals, one accepted on a won deal
            String quotes = "{ products { totalCount } quotes(first: 20) { edges { node { number status } } } }";
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!first.graphql(quotes).contains("\"status\":\"ACCEPTED\"") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(first.graphql(quotes))
                    .contains("\"totalCount\":10", "\"status\":\"ACCEPTED\"", "\"status\":\"SENT\"")
                    .contains("\"status\":\"DRAFT\"");
            // lost demo deals whose quotes were turned down: their discounts are in the analysis
            String discounts = "{ winLossAnalysis(from: \\\"2000-01-01\\\", to: \\\"2100-01-01\\\", groupBy: PIPELINE)"
                    + " { quotedDeals averageDiscount } }";
            java.util.regex.Pattern quoted = java.util.regex.Pattern.compile("\"quotedDeals\":[1-9]");
            while (!quoted.matcher(first.graphql(discounts)).find() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            // the turned-down quotes had discounts (the accepted one none): some row averages more than 0
            assertThat(first.graphql(discounts))
                    .containsPattern(quoted)
                    .containsPattern("\"averageDiscount\":(?:[1-9]|0\\.0?[1-9])");
            // the forecast models ship with the server; the demo gives the sales people quotas and a past to test on
            String models = "{ forecastModels { id } }";
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!first.graphql(models).contains("monte-carlo") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            assertThat(first.graphql("{ forecast(input: { model: \\\"weighted\\\", from: \\\"" + today
                            + "\\\", to: \\\"" + today + "\\\", groupBy: OWNER }) { group { name } quota { amount }"
                            + " expected { amount } } }"))
                    .contains("\"name\":\"Jonas M\u00fcller\"", "\"quota\":{\"amount\"");
            assertThat(first.graphql("{ forecastBacktest(input: { models: [\\\"weighted\\\"], from: \\\""
                            + today.minusYears(1) + "\\\", to: \\\"" + today + "\\\" }) { model periodsForecast } }"))
                    .containsPattern("\"periodsForecast\":[1-9]");
            // a catalogue file through the command line: checked whole on the server, imported or not at all
            Path csv = root.resolve("catalogue.csv");
            Files.writeString(
                    csv,
                    "sku;name;unit;taxRate;price\nCLI-1;Kältetrockner KT 60;piece;19;2100\n"
                            + "CLI-2;Ölfilter;piece;7;24,90\n");
            String list = first.graphql("{ priceLists(currency: \\\"EUR\\\") { id } }")
                    .replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
            Ran imported = run(List.of(
                    "import-catalogue",
                    csv.toString(),
                    "--price-list",
                    list,
                    "--server",
                    "http://127.0.0.1:" + first.port,
                    "--token",
                    first.token()));
            assertThat(imported.exitCode()).as(imported.output()).isZero();
            assertThat(imported.output()).contains("Imported 2 products (2 created, 0 updated) and 2 prices");
            Files.writeString(csv, "sku;name;unit;taxRate\nCLI-3;;piece;19\nCLI-4;Filter;piece;190\n");
            Ran refused = run(List.of(
                    "import-catalogue",
                    csv.toString(),
                    "--server",
                    "http://127.0.0.1:" + first.port,
                    "--token",
                    first.token()));
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.output()).contains("Nothing imported", "line 2, name: is required", "line 3, taxRate");
            assertThat(first.graphql("{ products(filter: { query: \\\"CLI-\\\" }) { totalCount } }"))
                    .contains("\"totalCount\":2");
            assertThat(first.graphql("{ predictiveModel { state message } }"))
                    .contains("NOT_ENOUGH_HISTORY")
                    .doesNotContain("learn from: 0 ");

            List<ProcessHandle> services = servicesOf(data);
            assertThat(services).hasSize(2);
            first.stop(true);
            for (ProcessHandle service : services) {
                assertThat(service.onExit().get(30, TimeUnit.SECONDS).isAlive())
                        .as("pid " + service.pid())
                        .isFalse();
            }
        }

        try (LaunchedServer second = LaunchedServer.start(args, root.resolve("second.log"))) {
            assertThat(second.output()).contains("Demo data     not loaded: the database has data");
            assertThat(countUsers(data, dbPort))
                    .as("same data, no second demo load")
                    .isEqualTo(5);
            List<ProcessHandle> services = servicesOf(data);
            second.stop(false);
            for (ProcessHandle service : services) {
                assertThat(service.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
            }
        }
    }

    @Test
    void externalServicesAreUsedWhenConfiguredThroughTheEnvironment() throws Exception {
        TestDatabase db = TestServices.database(LauncherIT.class);
        TestSearch search = TestServices.search(LauncherIT.class);
        Path data = root.resolve("external");
        List<String> args = List.of(
                "start",
                "--data-dir",
                data.toString(),
                "--no-demo-data",
                "--es-url",
                search.url().toString(),
                "--es-index-prefix",
                search.indexPrefix());
        ProcessBuilder builder = LaunchedServer.command(args);
        builder.environment().put("OPENCHANCE_DB_URL", db.jdbcUrl());
        builder.environment().put("OPENCHANCE_DB_USER", db.username());
        builder.environment().put("OPENCHANCE_DB_PASSWORD", db.password());
        try (LaunchedServer server = LaunchedServer.start(builder, root.resolve("external.log"))) {
            assertThat(server.get("/actuator/health"))
                    .contains("\"status\":\"UP\"")
                    .doesNotContain("DOWN");
            assertThat(server.output())
                    .contains("PostgreSQL    " + db.jdbcUrl())
                    .contains("Demo data     off");
            assertThat(data.resolve("postgres")).doesNotExist();
            assertThat(data.resolve("elasticsearch")).doesNotExist();
            server.stop(false);
        }
    }

    record Ran(int exitCode, String output) {}

    /** A command of the launcher run to its end, its output (both streams) kept. */
    private static Ran run(List<String> args) throws Exception {
        Process process = LaunchedServer.command(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Ran(process.waitFor(), output);
    }

    /**
     * The embedded PostgreSQL takes no connection without the right password, and the server's own role can do what
     * the server does (its tables) but no superuser's work: no program run by COPY, no server file read.
     */
    private static void assertTheDatabaseAsksForPasswordsAndTheServerIsNoSuperuser(Path data, int dbPort)
            throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + dbPort + "/openchance";
        for (String[] login : List.of(
                new String[] {"postgres", ""}, new String[] {"postgres", "wrong"}, new String[] {"openchance", ""})) {
            assertThatThrownBy(() ->
                            DriverManager.getConnection(url, login[0], login[1]).close())
                    .as(login[0] + " with password '" + login[1] + "'")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
        }
        try (Connection c = LaunchedServer.database(data, dbPort);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select rolsuper or rolcreaterole or rolcreatedb from pg_roles"
                    + " where rolname = current_user")) {
                rs.next();
                assertThat(rs.getBoolean(1))
                        .as("the server's role has no superuser, role or database rights")
                        .isFalse();
            }
            try (ResultSet rs = s.executeQuery(
                    "select count(*) from pg_tables where schemaname = 'public'" + " and tableowner <> current_user")) {
                rs.next();
                assertThat(rs.getInt(1))
                        .as("every product table is the server role's")
                        .isZero();
            }
            for (String superusersOnly :
                    List.of("copy (select 1) to program 'true'", "select pg_read_file('/etc/hostname')")) {
                assertThatThrownBy(() -> s.execute(superusersOnly))
                        .as(superusersOnly)
                        .isInstanceOf(SQLException.class)
                        .extracting(e -> ((SQLException) e).getSQLState())
                        .isEqualTo("42501");
            }
        }
    }

    private static int countUsers(Path data, int dbPort) throws Exception {
        try (Connection c = LaunchedServer.database(data, dbPort);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from app_user")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The PostgreSQL and Elasticsearch server processes, found through their pid files. */
    private static List<ProcessHandle> servicesOf(Path data) throws IOException {
        List<ProcessHandle> found = new ArrayList<>();
        for (Path pidFile : List.of(data.resolve("postgres/postmaster.pid"), data.resolve("elasticsearch/es.pid"))) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            found.add(ProcessHandle.of(pid).orElseThrow());
        }
        return found;
    }
}

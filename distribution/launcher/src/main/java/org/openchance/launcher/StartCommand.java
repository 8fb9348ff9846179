package org.openchance.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.Flyway;
import org.openchance.search.index.DocType;
import org.openchance.search.index.Reindexer;
import org.openchance.server.OpenChanceServer;
import org.openchance.server.search.SearchIndicesOnStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the OpenChance server.",
            "Without --db-url (--es-url) it starts a local PostgreSQL (Elasticsearch) with its data in --data-dir:"
                    + " the embedded default. Ctrl-C stops the server and everything it started.",
            "Every option can also be set as environment variable (--db-url: OPENCHANCE_DB_URL) or in the config file"
                    + " (db-url=...)."
        },
        sortOptions = false)
final class StartCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Config file (properties). Default: $OPENCHANCE_CONFIG, else ./openchance.properties if present.")
    Path config;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port of the API. Default: ${DEFAULT-VALUE}.")
    int port;

    @Mixin
    DatabaseOptions database;

    @Mixin
    SearchOptions search;

    @Option(
            names = "--plugin-dir",
            paramLabel = "DIR",
            description =
                    "The watched plugin folder: drop a plugin jar in to install it, replace it to update, delete it to"
                            + " remove it, while the server runs. Default: <data-dir>/plugins.")
    Path pluginDir;

    @Option(
            names = "--safe-mode",
            description = "Start without any plugin (to get a server with a misbehaving plugin back).")
    boolean safeMode;

    @Option(
            names = "--demo-data",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Load demo data into an empty database. Default: ${DEFAULT-VALUE}.")
    boolean demoData;

    /** How to sign in: the demo users' shared password, or the admin made (and printed) on the first start. */
    private static String signIn(String host, boolean demo) {
        return demo
                ? "in the web app (or GraphiQL, or POST " + host + "/auth/login) as " + DemoDataGenerator.DEMO_ADMIN
                        + " (admin) or any demo user, password '" + DemoDataGenerator.DEMO_PASSWORD + "'"
                : "POST " + host + "/auth/login as the admin printed on the first start (see the log), or set"
                        + " OPENCHANCE_SECURITY_ADMIN_PASSWORD before it";
    }

    /** What to stop on the way out, last started first. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Path data = database.dataFolder(database.embeddedPostgres() || search.embeddedElasticsearch());
        Path logFile = data.resolve("logs").resolve("openchance.log");
        // Read by logback.xml: must be set before the first logger exists.
        System.setProperty("openchance.log.file", logFile.toString());
        Logger log = LoggerFactory.getLogger(StartCommand.class);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(log), "openchance-shutdown"));

        try {
            log.info("Starting OpenChance with data folder {}", data);
            EmbeddedServices embedded = EmbeddedServices.start(
                    data,
                    database.embeddedPostgres(),
                    database.embeddedDbPort,
                    search.embeddedElasticsearch(),
                    search.embeddedEsPort,
                    search.embeddedEsHeap);
            running.push(embedded);
            String db = embedded.hasPostgres() ? embedded.postgresUrl() : database.dbUrl;
            String dbUsername = embedded.hasPostgres() ? EmbeddedServices.OWNER : database.dbUser;
            String dbPassword = embedded.hasPostgres() ? embedded.postgresPassword() : database.dbPassword;
            URI searchUrl = embedded.hasElasticsearch() ? embedded.elasticsearchUrl() : search.esUrl;

            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("server.port", port);
            properties.put("spring.datasource.url", db);
            properties.put("spring.datasource.username", dbUsername);
            properties.put("spring.datasource.password", dbPassword);
            properties.put("openchance.search.url", searchUrl.toString());
            properties.put("openchance.search.index-prefix", search.esIndexPrefix);
            properties.put(
                    "openchance.plugins.cache-dir", data.resolve("plugin-cache").toString());
            // The keys access tokens are signed with: kept, so that a restart signs nobody out.
            properties.put("openchance.security.key-dir", data.resolve("keys").toString());
            Path plugins = pluginDir != null ? pluginDir.toAbsolutePath() : data.resolve("plugins");
            BundledPlugins.Changes bundled = installBundledPlugins(plugins);
            properties.put("openchance.plugins.dir", plugins.toString());
            properties.put("openchance.plugins.safe-mode", safeMode);
            DemoDataGenerator.Counts created = null;
            String demo = "off";
            if (demoData) {
                // Before the server starts, so that what starts with it sees the demo data: plugins (the scorecard's
                // first history entries, the learned model's first training) and the first fill of the search indices.
                Flyway flyway = Flyway.configure()
                        .dataSource(db, dbUsername, dbPassword)
                        .locations("classpath:db/migration")
                        .load();
                flyway.migrate();
                created = DemoDataGenerator.generateIfEmpty(
                        flyway.getConfiguration().getDataSource(),
                        DemoDataGenerator.DEFAULT_SEED,
                        DemoDataGenerator.DEFAULT_OPPORTUNITIES,
                        written -> {});
                demo = created != null
                        ? "loaded (" + created.total() + " records)"
                        : "not loaded: the database has data";
            }
            ConfigurableApplicationContext server = new SpringApplicationBuilder(OpenChanceServer.class)
                    .properties(properties)
                    .registerShutdownHook(false) // ours stops the server first, then the services it uses
                    .run();
            running.push(server);
            embedded.awaitElasticsearch();

            if (created != null) {
                // loaded in bulk, without events: indices this start created were filled with it; ones that existed
                // before (a data folder whose database was removed) are rebuilt from it
                SearchIndicesOnStart indices = server.getBean(SearchIndicesOnStart.class);
                if (awaitSearchIndices(indices)) {
                    List<DocType> stale = Arrays.stream(DocType.values())
                            .filter(type -> !indices.filledOnStart().contains(type))
                            .toList();
                    if (!stale.isEmpty()) {
                        server.getBean(Reindexer.class).rebuild(stale, progress -> {});
                    }
                } else {
                    log.warn("Search indices not ready after a minute: the demo data becomes searchable when they are");
                }
            }
            String host = "http://localhost:" + port;
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String summary = String.join(
                    System.lineSeparator(),
                    "",
                    "  OpenChance is running (started in " + String.format("%.1f", took.toMillis() / 1000.0) + " s)",
                    "    Web app       " + host + "/",
                    "    GraphQL API   " + host + "/graphql",
                    "    GraphiQL      " + host + "/graphiql",
                    "    Schema (SDL)  " + host + "/graphql/schema",
                    "    Health        " + host + "/actuator/health",
                    "    PostgreSQL    " + db
                            + (embedded.hasPostgres() ? "  (embedded, data in " + data.resolve("postgres") + ")" : ""),
                    "    Elasticsearch " + searchUrl
                            + (embedded.hasElasticsearch()
                                    ? "  (embedded, data in " + data.resolve("elasticsearch") + ")"
                                    : ""),
                    "    Demo data     " + demo,
                    "    Sign in       " + signIn(host, created != null),
                    "    Plugins       " + (safeMode ? "safe mode: none started" : plugins + " (drop plugin jars here)")
                            + (bundled.installed().isEmpty()
                                    ? ""
                                    : System.lineSeparator() + "                  installed: "
                                            + String.join(", ", bundled.installed()))
                            + (bundled.updated().isEmpty()
                                    ? ""
                                    : System.lineSeparator() + "                  updated to this release: "
                                            + String.join(", ", bundled.updated()))
                            + (bundled.keptChanged().isEmpty()
                                    ? ""
                                    : System.lineSeparator()
                                            + "                  kept as replaced by an administrator: "
                                            + String.join(", ", bundled.keptChanged())),
                    "    Logs          " + logFile,
                    "  Press Ctrl-C to stop.",
                    "");
            log.info("{}", summary);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            log.error("OpenChance could not start: {}", cause.getMessage());
            log.debug("Start failure", e);
            stopAll(log);
            return 1;
        }
        new CountDownLatch(1).await(); // until Ctrl-C / SIGTERM: the shutdown hook stops everything
        return 0;
    }

    /** The product's own plugins, installed and kept at the release's version (see {@link BundledPlugins}). */
    private static BundledPlugins.Changes installBundledPlugins(Path folder) throws IOException {
        String home = System.getProperty("openchance.home");
        if (home == null) {
            return new BundledPlugins.Changes(List.of(), List.of(), List.of());
        }
        if (Files.exists(folder) && !Files.isWritable(folder)) {
            // a folder the administrator keeps read-only: theirs to update
            LoggerFactory.getLogger(StartCommand.class)
                    .warn("The plugin folder {} is read-only: the release's plugins were not put into it", folder);
            return new BundledPlugins.Changes(List.of(), List.of(), List.of());
        }
        return BundledPlugins.install(Path.of(home, "plugins"), folder);
    }

    private static boolean awaitSearchIndices(SearchIndicesOnStart indices) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!indices.ready() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return indices.ready();
    }

    private synchronized void stopAll(Logger log) {
        if (running.isEmpty()) {
            return;
        }
        log.info("Stopping OpenChance");
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                log.warn("Error while stopping: {}", e.getMessage(), e);
            }
        }
        log.info("OpenChance stopped");
    }
}

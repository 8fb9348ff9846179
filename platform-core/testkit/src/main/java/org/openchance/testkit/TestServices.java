package org.openchance.testkit;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL and Elasticsearch for tests. Each is taken, once per JVM, from the first source that works:
 * <ol>
 *   <li>a URL from a system property or environment variable
 *       ({@code openchance.test.postgres.url} / {@code OPENCHANCE_TEST_POSTGRES_URL}, plus {@code ...USER},
 *       {@code ...PASSWORD}; {@code openchance.test.elasticsearch.url} / {@code OPENCHANCE_TEST_ELASTICSEARCH_URL});</li>
 *   <li>Testcontainers, when a Docker engine is available;</li>
 *   <li>local processes started by {@code openchance-local-services} (the launcher's code), stopped at JVM exit.</li>
 * </ol>
 * Test classes are isolated from each other: each gets its own database and its own index prefix.
 */
public final class TestServices {

    private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);

    private static PostgresServer postgres;
    private static URI elasticsearch;

    private TestServices() {}

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = configured("postgres.url")
                    .map(url -> new PostgresServer(
                            url,
                            configured("postgres.user").orElse("postgres"),
                            configured("postgres.password").orElse(""),
                            "configured"))
                    .or(() -> ContainerServices.dockerAvailable()
                            ? Optional.of(ContainerServices.postgres())
                            : Optional.empty())
                    .orElseGet(LocalTestServices::postgres);
            LOG.info("Tests use PostgreSQL at {} ({})", postgres.adminUrl(), postgres.source());
        }
        return postgres;
    }

    public static synchronized URI elasticsearch() {
        if (elasticsearch == null) {
            elasticsearch = configured("elasticsearch.url")
                    .map(URI::create)
                    .or(() -> ContainerServices.dockerAvailable()
                            ? Optional.of(ContainerServices.elasticsearch())
                            : Optional.empty())
                    .orElseGet(LocalTestServices::elasticsearch);
            LOG.info("Tests use Elasticsearch at {}", elasticsearch);
        }
        return elasticsearch;
    }

    /** A new, migrated database for {@code owner}; dropped when the JVM exits. */
    public static TestDatabase database(Class<?> owner) {
        PostgresServer server = postgres();
        String name = uniqueName(owner, "_");
        try (Connection admin = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
                Statement s = admin.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create test database " + name + " on " + server.adminUrl() + " (" + server.source() + "): "
                            + e.getMessage(),
                    e);
        }
        Cleanup.atExit(() -> drop(server, name));
        TestDatabase db = new TestDatabase(name, server.urlOf(name), server.username(), server.password());
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration")
                .failOnMissingLocations(false)
                .load()
                .migrate();
        return db;
    }

    /** The Elasticsearch endpoint and an index prefix of {@code owner}'s own. */
    public static TestSearch search(Class<?> owner) {
        return new TestSearch(elasticsearch(), uniqueName(owner, "-") + "-");
    }

    private static void drop(PostgresServer server, String name) {
        List<String> pluginRoles = pluginRolesOf(server, name);
        try (Connection admin = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
                Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            // plugins' database roles belong to the server, not to the database: they go with it
            for (String role : pluginRoles) {
                s.execute("drop role if exists \"" + role.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            LOG.warn("Could not drop test database {} or its plugins' roles: {}", name, e.getMessage());
        }
    }

    /** The owners of the plugin schemas of a test database: its plugins' roles. */
    private static List<String> pluginRolesOf(PostgresServer server, String name) {
        List<String> roles = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.urlOf(name), server.username(), server.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select distinct pg_get_userbyid(nspowner) from pg_namespace"
                        + " where nspname like 'plugin\\_%' and pg_get_userbyid(nspowner) like 'plugin\\_%'")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        } catch (SQLException e) {
            LOG.debug("Could not list the plugin roles of {}: {}", name, e.getMessage());
        }
        return roles;
    }

    static String uniqueName(Class<?> owner, String separator) {
        String simple = owner.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String shortName = simple.substring(0, Math.min(simple.length(), 40));
        return "t" + separator + shortName + separator
                + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Optional<String> configured(String key) {
        String value = System.getProperty("openchance.test." + key);
        if (value == null || value.isBlank()) {
            value = System.getenv("OPENCHANCE_TEST_" + key.replace('.', '_').toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}

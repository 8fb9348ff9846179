package org.openchance.server.plugin;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.openchance.pluginhost.PluginDatabases;
import org.openchance.store.RequestStatementTimeouts;
import org.openchance.store.plugin.PluginRoles;

/**
 * A small pool per plugin that logs in as the plugin's own role ({@link PluginRoles}): the plugin's statements reach
 * its own schema only. The pools start empty and give back idle connections after a minute, so that seven plugins do
 * not hold PostgreSQL connections they do not use; a request's statement bounds hold on them as on the host's pool.
 */
public final class PluginDataSources implements PluginDatabases, AutoCloseable {

    /** Connections one plugin may hold at once: enough for its listener and a few requests' fields. */
    static final int MAX_CONNECTIONS = 4;

    private final PluginRoles roles;
    private final String jdbcUrl;
    private final Duration statementTimeout;
    private final Duration requestTimeout;
    /** Per schema: the pool and how many bundles use it (two symbolic names can make one schema name). */
    private final Map<String, Shared> pools = new HashMap<>();

    private record Shared(DataSource bounded, HikariDataSource pool, int users) {}

    public PluginDataSources(PluginRoles roles, String jdbcUrl, Duration statementTimeout, Duration requestTimeout) {
        this.roles = roles;
        this.jdbcUrl = withoutCredentials(jdbcUrl);
        this.statementTimeout = statementTimeout;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public synchronized DataSource open(String schema) {
        Shared shared = pools.get(schema);
        if (shared != null) {
            pools.put(schema, new Shared(shared.bounded(), shared.pool(), shared.users() + 1));
            return shared.bounded();
        }
        PluginRoles.Login login = roles.login(schema);
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("plugin-" + schema);
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(login.role());
        pool.setPassword(login.password());
        pool.setSchema(schema);
        pool.setMaximumPoolSize(MAX_CONNECTIONS);
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        pool.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        DataSource bounded = new RequestStatementTimeouts(pool, statementTimeout.toMillis(), requestTimeout.toMillis());
        pools.put(schema, new Shared(bounded, pool, 1));
        return bounded;
    }

    @Override
    public synchronized void close(String schema) {
        Shared shared = pools.get(schema);
        if (shared == null) {
            return;
        }
        if (shared.users() > 1) {
            pools.put(schema, new Shared(shared.bounded(), shared.pool(), shared.users() - 1));
        } else {
            pools.remove(schema);
            shared.pool().close();
        }
    }

    /** The open connections of the plugin whose schema it is. */
    public synchronized DataSource dataSourceOf(String schema) {
        Shared shared = pools.get(schema);
        if (shared == null) {
            throw new IllegalStateException("the plugin of schema " + schema + " has no storage open");
        }
        return shared.bounded();
    }

    /**
     * The server's URL without a user or password in it: the driver would take those over the pool's, and the
     * plugin would log in as the server.
     */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(p -> {
                    String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
                    return !name.equalsIgnoreCase("user") && !name.equalsIgnoreCase("password");
                })
                .collect(Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }

    @Override
    public synchronized void close() {
        pools.values().forEach(shared -> shared.pool().close());
        pools.clear();
    }
}

package org.openchance.server.plugin;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    public PluginDataSources(PluginRoles roles, String jdbcUrl, Duration statementTimeout, Duration requestTimeout) {
        this.roles = roles;
        this.jdbcUrl = jdbcUrl;
        this.statementTimeout = statementTimeout;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public DataSource open(String schema) {
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
        HikariDataSource before = pools.put(schema, pool);
        if (before != null) {
            before.close();
        }
        return new RequestStatementTimeouts(pool, statementTimeout.toMillis(), requestTimeout.toMillis());
    }

    @Override
    public void close(String schema) {
        HikariDataSource pool = pools.remove(schema);
        if (pool != null) {
            pool.close();
        }
    }

    /** Whether a plugin's pool is open (for tests and health). */
    public boolean isOpen(String schema) {
        return pools.containsKey(schema);
    }

    @Override
    public void close() {
        pools.keySet().forEach(this::close);
    }
}

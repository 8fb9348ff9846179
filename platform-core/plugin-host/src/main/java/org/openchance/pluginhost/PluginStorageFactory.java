package org.openchance.pluginhost;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.openchance.api.storage.PluginStorage;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.LoggerFactory;

/**
 * Gives each plugin that asks its own {@link PluginStorage}: a schema named after the bundle, migrated with the
 * bundle's {@code openchance/migrations/*.sql} by Flyway (its history table in that schema, so a second start runs nothing
 * again), and a {@link DataSource} whose connections use that schema.
 */
public final class PluginStorageFactory implements ServiceFactory<PluginStorage> {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(PluginStorageFactory.class);
    /** Where a bundle keeps its migrations: not db/migration, which the product's own Flyway scans on a classpath. */
    public static final String MIGRATIONS = "openchance/migrations";

    private final DataSource dataSource;
    private final BiConsumer<String, String> errors;

    private PluginStorageFactory(DataSource dataSource, BiConsumer<String, String> errors) {
        this.dataSource = dataSource;
        this.errors = errors;
    }

    /** Offers {@link PluginStorage} to every bundle of the framework. */
    public static ServiceRegistration<PluginStorage> register(
            PluginFramework framework, DataSource dataSource, BiConsumer<String, String> errors) {
        BundleContext context = framework.framework().getBundleContext();
        return context.registerService(PluginStorage.class, new PluginStorageFactory(dataSource, errors), null);
    }

    /** The schema of a plugin: {@code plugin_} and its symbolic name in lower case, other characters as {@code _}. */
    public static String schemaOf(String symbolicName) {
        String name = "plugin_" + symbolicName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    @Override
    public PluginStorage getService(Bundle bundle, ServiceRegistration<PluginStorage> registration) {
        String schema = schemaOf(bundle.getSymbolicName());
        try {
            migrate(bundle, schema);
        } catch (RuntimeException e) {
            String message = "migrations of schema " + schema + " failed: " + e.getMessage();
            LOG.error("Plugin {}: {}", bundle.getSymbolicName(), message, e);
            errors.accept(bundle.getSymbolicName(), message);
            return null; // the plugin's components that need storage stay unsatisfied
        }
        DataSource scoped = new SchemaDataSource(dataSource, schema);
        return new PluginStorage() {
            @Override
            public DataSource dataSource() {
                return scoped;
            }

            @Override
            public String schema() {
                return schema;
            }
        };
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<PluginStorage> registration, PluginStorage service) {
        // connections come from the pool; nothing to release
    }

    private void migrate(Bundle bundle, String schema) {
        Path folder;
        try {
            folder = Files.createTempDirectory("openchance-plugin-migrations-");
            Enumeration<URL> entries = bundle.findEntries(MIGRATIONS, "*.sql", false);
            while (entries != null && entries.hasMoreElements()) {
                URL entry = entries.nextElement();
                String name = entry.getPath().substring(entry.getPath().lastIndexOf('/') + 1);
                try (InputStream in = entry.openStream()) {
                    Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundle's migrations", e);
        }
        int applied = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations("filesystem:" + folder)
                .load()
                .migrate()
                .migrationsExecuted;
        LOG.info("Plugin {}: schema {} ready ({} migration(s) applied now)", bundle.getSymbolicName(), schema, applied);
    }

    /** Hands out the pool's connections with the plugin's schema set. */
    private record SchemaDataSource(DataSource pool, String schema) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return scoped(pool.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return scoped(pool.getConnection(username, password));
        }

        /**
         * The connection with the plugin's schema, put back to the one it had when it is closed: the pool does not
         * reset a schema it was not configured with, and the next borrower must not see the plugin's tables.
         */
        private Connection scoped(Connection connection) throws SQLException {
            String original = connection.getSchema();
            connection.setSchema(schema);
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && !connection.isClosed()) {
                            try {
                                // Outside a transaction, or the pool's rollback of a plugin's (autocommit off)
                                // connection would undo the reset and hand the plugin's schema to the next borrower.
                                if (!connection.getAutoCommit()) {
                                    connection.rollback();
                                    connection.setAutoCommit(true);
                                }
                                connection.setSchema(original);
                            } finally {
                                connection.close();
                            }
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper for " + iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}

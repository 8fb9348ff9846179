package org.openchance.pluginhost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.function.BiConsumer;
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
 * again), and a {@link DataSource} that logs in as the plugin's own database role ({@link PluginDatabases}): the
 * migrations and every statement of the plugin's can reach that schema only, not the product's tables.
 */
public final class PluginStorageFactory implements ServiceFactory<PluginStorage> {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(PluginStorageFactory.class);
    /** Where a bundle keeps its migrations: not db/migration, which the product's own Flyway scans on a classpath. */
    public static final String MIGRATIONS = "openchance/migrations";

    private final PluginDatabases databases;
    private final BiConsumer<String, String> errors;

    private PluginStorageFactory(PluginDatabases databases, BiConsumer<String, String> errors) {
        this.databases = databases;
        this.errors = errors;
    }

    /** Offers {@link PluginStorage} to every bundle of the framework. */
    public static ServiceRegistration<PluginStorage> register(
            PluginFramework framework, PluginDatabases databases, BiConsumer<String, String> errors) {
        BundleContext context = framework.framework().getBundleContext();
        return context.registerService(PluginStorage.class, new PluginStorageFactory(databases, errors), null);
    }

    /** The schema of a plugin: {@code plugin_} and its symbolic name in lower case, other characters as {@code _}. */
    public static String schemaOf(String symbolicName) {
        String name = "plugin_" + symbolicName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    @Override
    public PluginStorage getService(Bundle bundle, ServiceRegistration<PluginStorage> registration) {
        String schema = schemaOf(bundle.getSymbolicName());
        DataSource own;
        try {
            own = databases.open(schema);
        } catch (RuntimeException e) {
            String message = "no database role for schema " + schema + ": " + e.getMessage();
            LOG.error("Plugin {}: {}", bundle.getSymbolicName(), message, e);
            errors.accept(bundle.getSymbolicName(), message);
            return null; // the plugin's components that need storage stay unsatisfied
        }
        try {
            migrate(bundle, own, schema);
        } catch (RuntimeException e) {
            databases.close(schema);
            String message = "migrations of schema " + schema + " failed: " + e.getMessage();
            LOG.error("Plugin {}: {}", bundle.getSymbolicName(), message, e);
            errors.accept(bundle.getSymbolicName(), message);
            return null;
        }
        return new PluginStorage() {
            @Override
            public DataSource dataSource() {
                return own;
            }

            @Override
            public String schema() {
                return schema;
            }
        };
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<PluginStorage> registration, PluginStorage service) {
        databases.close(service.schema());
    }

    private void migrate(Bundle bundle, DataSource own, String schema) {
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
                .dataSource(own)
                .schemas(schema)
                .createSchemas(true)
                .locations("filesystem:" + folder)
                .load()
                .migrate()
                .migrationsExecuted;
        LOG.info("Plugin {}: schema {} ready ({} migration(s) applied now)", bundle.getSymbolicName(), schema, applied);
    }
}

package org.openchance.api.storage;

import javax.sql.DataSource;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The calling plugin's own database schema. A plugin ships its migrations as {@code openchance/migrations/V<n>__<name>.sql}
 * in its bundle; when it first gets this service the host runs the ones not yet applied (Flyway, with a migration
 * history of the plugin's own) in schema {@code plugin_<bundle symbolic name>}. Reference it from a Declarative
 * Services component: the component starts once the schema is ready.
 */
@ProviderType
public interface PluginStorage {

    /** Connections whose schema (search path) is the plugin's own; the product's tables are not visible. */
    DataSource dataSource();

    /** The schema's name. */
    String schema();
}

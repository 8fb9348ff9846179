package org.openchance.pluginhost;

import javax.sql.DataSource;

/** Opens and closes the connections of a plugin's own database role (see {@link PluginStorageFactory}). */
public interface PluginDatabases {

    /**
     * Connections that log in as the plugin's own role, whose only schema is {@code schema} (created if missing).
     *
     * @throws RuntimeException if the role cannot be made or logged in with (the plugin then gets no storage)
     */
    DataSource open(String schema);

    /** Closes what {@link #open} opened for {@code schema}: the plugin no longer uses it. */
    void close(String schema);
}

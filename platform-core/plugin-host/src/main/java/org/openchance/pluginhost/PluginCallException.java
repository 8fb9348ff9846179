package org.openchance.pluginhost;

/** A call into a plugin that failed or took too long; the rest of the request goes on without it. */
public final class PluginCallException extends RuntimeException {

    private final String pluginId;

    public PluginCallException(String pluginId, String message, Throwable cause) {
        super("Plugin " + pluginId + ": " + message, cause);
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }
}

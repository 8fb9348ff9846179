package org.openchance.pluginhost;

/**
 * A plugin's service for an extension point, under the id its service property gives it.
 *
 * @param pluginId the bundle's symbolic name
 */
public record Extension<T>(ExtensionPoint<T> point, String id, String pluginId, T service) {}

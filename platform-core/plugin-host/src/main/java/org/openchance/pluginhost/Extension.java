package org.openchance.pluginhost;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A plugin's service for an extension point, under the id its service property gives it.
 *
 * @param pluginId the bundle's symbolic name
 * @param properties the service's properties, as registered
 */
public record Extension<T>(
        ExtensionPoint<T> point, String id, String pluginId, T service, Map<String, Object> properties) {

    public Extension {
        properties = Map.copyOf(properties);
    }

    /** A property that is a string or an array or collection of strings, as a list; empty when absent. */
    public List<String> strings(String property) {
        Object value = properties.get(property);
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof String[] texts) {
            return List.of(texts);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}

package org.openchance.api.host;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The calling plugin's settings: stored by the host, changed by administrators through the API
 * ({@code configurePlugin}), read fresh on every call.
 */
@ProviderType
public interface PluginSettings {

    Map<String, String> all();

    default Optional<String> get(String key) {
        return Optional.ofNullable(all().get(key));
    }

    default String get(String key, String otherwise) {
        return get(key).orElse(otherwise);
    }

    default int getInt(String key, int otherwise) {
        return get(key).map(Integer::parseInt).orElse(otherwise);
    }

    default boolean getBoolean(String key, boolean otherwise) {
        return get(key).map(Boolean::parseBoolean).orElse(otherwise);
    }
}

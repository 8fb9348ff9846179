package org.openchance.server.plugin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A page a plugin returns for a {@code ...Connection} field, already shaped ({@code edges}, {@code pageInfo},
 * {@code totalCount}). Spring GraphQL adapts the values of connection fields to Relay connections and refuses what it
 * cannot adapt, except containers whose class name ends in {@code Connection}: this map passes as it is.
 */
final class PluginConnection extends LinkedHashMap<String, Object> {

    PluginConnection(Map<?, ?> page) {
        page.forEach((key, value) -> put(String.valueOf(key), value));
    }
}

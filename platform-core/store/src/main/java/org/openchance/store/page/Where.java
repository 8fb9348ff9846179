package org.openchance.store.page;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A condition of a list, built from optional parts. The SQL of each part comes from the store's own code; values only
 * travel as named parameters. The one place a list's visibility rule will be added to.
 */
public final class Where {

    private final List<String> parts = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    /** A part without a value. */
    public Where and(String sql) {
        parts.add(sql);
        return this;
    }

    /** {@code sql} with {@code :name} bound to the value; nothing when the value is null ("any"). */
    public Where and(String sql, String name, Object value) {
        if (value != null) {
            parts.add(sql);
            params.put(name, value);
        }
        return this;
    }

    /** Like {@link #and(String, String, Object)}; nothing when the values are null or empty ("any"). */
    public Where andIn(String sql, String name, Collection<?> values) {
        return values == null || values.isEmpty() ? this : and(sql, name, values);
    }

    /** A part built elsewhere with its named parameters (their names must not clash with this one's). */
    public Where and(String sql, Map<String, Object> values) {
        parts.add(sql);
        params.putAll(values);
        return this;
    }

    public String sql() {
        return parts.isEmpty() ? "true" : String.join(" and ", parts);
    }

    public Map<String, Object> params() {
        return params;
    }
}

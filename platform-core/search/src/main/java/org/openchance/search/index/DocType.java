package org.openchance.search.index;

import java.util.Locale;

/** The searchable record types. Each has an index of its own behind an alias, so each can be rebuilt alone. */
public enum DocType {
    OPPORTUNITY("opportunities"),
    ACCOUNT("accounts"),
    CONTACT("contacts"),
    ACTIVITY("activities");

    private final String indexName;

    DocType(String indexName) {
        this.indexName = indexName;
    }

    /** The alias name without the installation's prefix, e.g. {@code opportunities}. */
    public String indexName() {
        return indexName;
    }

    /** The value of the {@code type} field, e.g. {@code opportunity}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DocType ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}

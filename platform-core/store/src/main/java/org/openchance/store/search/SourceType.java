package org.openchance.store.search;

/** The records search holds a projection of, each read by {@link SearchSources}. */
public enum SourceType {
    OPPORTUNITY,
    ACCOUNT,
    CONTACT,
    ACTIVITY
}

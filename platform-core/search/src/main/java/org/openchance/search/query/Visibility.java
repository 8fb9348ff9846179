package org.openchance.search.query;

import java.util.Set;

/**
 * Which records a search may return: all, or those whose owner or team includes one of the given users (and those
 * without an owner). The server derives it from the same rule as its GraphQL reads.
 */
public record Visibility(Set<String> userIds) {

    public static final Visibility ALL = new Visibility(null);

    public static Visibility onlyFor(Set<String> userIds) {
        return new Visibility(Set.copyOf(userIds));
    }

    public boolean all() {
        return userIds == null;
    }
}

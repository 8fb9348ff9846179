package org.openchance.search.query;

import java.util.Set;
import org.openchance.search.index.DocType;

/**
 * Which records a search may return: the server compiles it from the same rule as its SQL reads. Documents of an
 * open type are all visible; of the others, those whose {@code visible_to} (owner and team) holds one of the users,
 * and, when {@code unowned} is set, those without an owner.
 *
 * @param userIds null: everything is visible
 */
public record Visibility(Set<String> userIds, boolean unowned, Set<DocType> openTypes) {

    public static final Visibility ALL = new Visibility(null, true, Set.of());

    /** Only the records of these users (owner or team) and, if {@code unowned}, those without an owner. */
    public static Visibility onlyFor(Set<String> userIds, boolean unowned, Set<DocType> openTypes) {
        return new Visibility(Set.copyOf(userIds), unowned, Set.copyOf(openTypes));
    }

    public boolean all() {
        return userIds == null;
    }
}

package org.openchance.search.query;

import java.util.Set;

/**
 * Which records a search may return: the server compiles it from the same rule as its SQL reads. A document is
 * visible when its {@code visible_to} holds one of the {@code readers} (users, or the markers for "without an owner"
 * and "has a deal"), or when it is a deal's (an opportunity, a deal's activity) and the viewer reads every deal, or an
 * account's (an account, a contact, an account's own activity) and the viewer reads every account. A viewer limited
 * to deals (a partner) gets no account's document at all.
 *
 * @param readers null: everything is visible
 */
public record Visibility(Set<String> readers, boolean everyDeal, boolean everyAccount, boolean dealsOnly) {

    public static final Visibility ALL = new Visibility(null, true, true, false);

    /** An employee's: their readers, and every deal or account where the organisation-wide default says so. */
    public static Visibility employee(Set<String> readers, boolean everyDeal, boolean everyAccount) {
        return new Visibility(Set.copyOf(readers), everyDeal, everyAccount, false);
    }

    /** A partner's: only the deals (and their activities) whose {@code visible_to} holds one of the readers. */
    public static Visibility dealsOf(Set<String> readers) {
        return new Visibility(Set.copyOf(readers), false, false, true);
    }

    public boolean all() {
        return readers == null;
    }
}

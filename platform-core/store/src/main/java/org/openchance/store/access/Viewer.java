package org.openchance.store.access;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who reads, as the visibility rule needs it: the input the store compiles into a SQL predicate (and search into a
 * filter). Built by the server once per request from the signed-in user; background work reads as {@link #SYSTEM}.
 * The sight (the user and everyone who reports to them, transitively) is looked up on first use only: reads under a
 * public default never need it.
 */
public final class Viewer {

    public enum Reach {
        /** Admins and background work: everything. */
        EVERYTHING,
        /** Employees: the organisation-wide default, else their line and their teams. */
        EMPLOYEE,
        /** External partners: only the deals whose team they are on, whatever the default. */
        PARTNER
    }

    /** Background work: sees everything, and every place that uses it says so. */
    public static final Viewer SYSTEM =
            new Viewer(null, Reach.EVERYTHING, Sharing.PUBLIC_READ_WRITE, Sharing.PUBLIC_READ_WRITE, List::of);

    /**
     * A request without a signed-in user where one was expected: sees nothing (fail closed rather than as the
     * system).
     */
    public static final Viewer NOBODY = new Viewer(null, Reach.PARTNER, Sharing.PRIVATE, Sharing.PRIVATE, List::of);

    private final UUID userId;
    private final Reach reach;
    private final Sharing opportunities;
    private final Sharing accounts;
    private final Supplier<List<UUID>> sightSource;
    private volatile List<UUID> sight;

    /**
     * @param userId the user, null for the system
     * @param sight  looks up the user and everyone below them in the management line (a partner: only themselves)
     */
    public Viewer(UUID userId, Reach reach, Sharing opportunities, Sharing accounts, Supplier<List<UUID>> sight) {
        this.userId = userId;
        this.reach = reach;
        this.opportunities = opportunities;
        this.accounts = accounts;
        this.sightSource = sight;
    }

    public UUID userId() {
        return userId;
    }

    public Reach reach() {
        return reach;
    }

    public Sharing opportunities() {
        return opportunities;
    }

    public Sharing accounts() {
        return accounts;
    }

    /** The user and everyone who reports to them, transitively. */
    public List<UUID> sight() {
        List<UUID> s = sight;
        if (s == null) {
            s = List.copyOf(sightSource.get());
            sight = s;
        }
        return s;
    }

    /** Whether reads of opportunities need the owner/team test at all. */
    public boolean restrictsOpportunities() {
        return reach == Reach.PARTNER || (reach == Reach.EMPLOYEE && opportunities == Sharing.PRIVATE);
    }

    /** Whether reads of accounts (and their contacts) need the test. */
    public boolean restrictsAccounts() {
        return reach == Reach.PARTNER || (reach == Reach.EMPLOYEE && accounts == Sharing.PRIVATE);
    }

    @Override
    public String toString() {
        return "Viewer[" + (userId == null ? "system" : userId) + ", " + reach + "]";
    }
}

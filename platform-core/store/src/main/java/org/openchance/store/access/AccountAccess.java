package org.openchance.store.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.page.Where;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The visibility rule of accounts and their contacts, compiled to SQL. Under a public default every employee reads
 * them. Under {@link Sharing#PRIVATE} an employee reads an account owned by someone in their sight, an account
 * without an owner, and (read only) the account of every deal they may read; a contact goes with its account, and is
 * also read with every deal it is on; a contact without an account is every employee's. Partners read no account or
 * contact directly: they reach those of their deals through the deals. Search applies the same rule to the
 * {@code visible_to} of account and contact documents (owner, the owners and team members of its deals, and a
 * marker for "has deals" that viewers of every deal hold).
 */
public final class AccountAccess {

    private final NamedParameterJdbcTemplate jdbc;

    public AccountAccess(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** The read rule of accounts added to a list's condition ({@code table} has the account's id and owner). */
    public static Where readable(Viewer viewer, String table, Where where) {
        if (!viewer.restrictsAccounts()) {
            return where;
        }
        if (viewer.sight().isEmpty() || viewer.reach() == Viewer.Reach.PARTNER) {
            return where.and("false");
        }
        return where.and(condition(viewer, table), "viewerSight", viewer.sight());
    }

    /** The read rule of contacts added to a list's condition ({@code table} has the contact's id and account). */
    public static Where readableContact(Viewer viewer, String table, Where where) {
        if (!viewer.restrictsAccounts()) {
            return where;
        }
        if (viewer.sight().isEmpty()) {
            return where.and("false");
        }
        return where.and(contactCondition(viewer, table), "viewerSight", viewer.sight());
    }

    /**
     * The rule on an account alias as SQL text for a restricted employee (binds {@code :viewerSight}); {@code true}
     * when accounts are not restricted. The deals part uses the (account) index of opportunities.
     */
    static String condition(Viewer viewer, String table) {
        if (!viewer.restrictsAccounts()) {
            return "true";
        }
        return "(" + table + ".owner_id is null or " + table + ".owner_id in (:viewerSight) or "
                + throughDeals(viewer, table + ".id") + ")";
    }

    private static String throughDeals(Viewer viewer, String accountId) {
        return "exists (select 1 from opportunity vo where vo.account_id = " + accountId
                + " and vo.deleted_at is null and " + OpportunityAccess.conditionFor(viewer, "vo") + ")";
    }

    private static String onReadableDeal(Viewer viewer, String contactId) {
        return "exists (select 1 from opportunity_contact voc join opportunity vo on vo.id = voc.opportunity_id"
                + " where voc.contact_id = " + contactId + " and vo.deleted_at is null and "
                + OpportunityAccess.conditionFor(viewer, "vo") + ")";
    }

    private static String contactCondition(Viewer viewer, String table) {
        String onDeal = onReadableDeal(viewer, table + ".id");
        if (viewer.reach() == Viewer.Reach.PARTNER) {
            return onDeal;
        }
        return "(" + table + ".account_id is null or exists (select 1 from account va where va.id = " + table
                + ".account_id and " + condition(viewer, "va") + ") or " + onDeal + ")";
    }

    /** Whether the viewer reads a live deal of the account: how partners reach an account, through their deals. */
    public boolean readsADealOf(Viewer viewer, UUID accountId) {
        if (viewer.sight().isEmpty()) {
            return false;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("id", accountId);
        params.put("viewerSight", viewer.sight());
        return Boolean.TRUE.equals(jdbc.queryForObject("select " + throughDeals(viewer, ":id"), params, Boolean.class));
    }

    /** What the viewer may do with the account; NONE when there is none. */
    public Access access(Viewer viewer, UUID accountId) {
        if (viewer.reach() == Viewer.Reach.EVERYTHING) {
            return Access.EDIT;
        }
        if (viewer.reach() == Viewer.Reach.PARTNER || viewer.sight().isEmpty()) {
            return Access.NONE;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("id", accountId);
        params.put("viewerSight", viewer.sight());
        List<Access> found = jdbc.query(
                "select a.owner_id is null or a.owner_id in (:viewerSight) as owned, " + throughDeals(viewer, "a.id")
                        + " as through_deals from account a where a.id = :id",
                params,
                (rs, i) -> decide(viewer, rs.getBoolean("owned"), rs.getBoolean("through_deals")));
        return found.isEmpty() ? Access.NONE : found.get(0);
    }

    /**
     * What the viewer may do with the contact: what they may do with its account (a contact without one is every
     * employee's), at least read when it is on a deal they read.
     */
    public Access contactAccess(Viewer viewer, UUID contactId, UUID accountId) {
        if (viewer.reach() == Viewer.Reach.EVERYTHING) {
            return Access.EDIT;
        }
        if (viewer.sight().isEmpty()) {
            return Access.NONE;
        }
        Access account = viewer.reach() == Viewer.Reach.PARTNER
                ? Access.NONE
                : accountId == null ? Access.EDIT : access(viewer, accountId);
        if (account.canRead()) {
            return account;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("id", contactId);
        params.put("viewerSight", viewer.sight());
        Boolean onDeal = jdbc.queryForObject("select " + onReadableDeal(viewer, ":id"), params, Boolean.class);
        return Boolean.TRUE.equals(onDeal) ? Access.READ : Access.NONE;
    }

    /** The rule itself, once the facts about one account are known (the viewer is an employee). */
    static Access decide(Viewer viewer, boolean ownedInSight, boolean throughDeals) {
        if (ownedInSight) {
            return Access.EDIT;
        }
        return switch (viewer.accounts()) {
            case PUBLIC_READ_WRITE -> Access.EDIT;
            case PUBLIC_READ -> Access.READ;
            case PRIVATE -> throughDeals ? Access.READ : Access.NONE;
        };
    }
}

package org.openchance.api.host;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.openchance.api.model.AccountSnapshot;
import org.openchance.api.model.ActivitySnapshot;
import org.openchance.api.model.ClosedOpportunity;
import org.openchance.api.model.ContactSnapshot;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.UserSnapshot;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opportunities, their accounts and their timelines as immutable snapshots; opportunities one or a page at a time
 * (soonest expected close date first), closed ones in bulk for analysis. Every method reads as the user the plugin acts
 * for (the request's user in a field; the system in background work) and answers only what that user may see.
 */
@ProviderType
public interface OpportunityReader {

    /** A live (not deleted) opportunity. */
    Optional<OpportunitySnapshot> opportunity(UUID id);

    /**
     * @param status  OPEN, WON, LOST or null for all
     * @param ownerId only this owner's, or null
     * @param first   page size, 1 to 100
     * @param after   the previous page's {@link Page#endCursor()}, or null for the first page
     */
    Page opportunities(String status, UUID ownerId, int first, String after);

    /** A live account. */
    Optional<AccountSnapshot> account(UUID id);

    /**
     * The contact persons of the opportunity with their roles in it, in the order they were added; none when the user
     * may not see the deal.
     */
    List<ContactSnapshot> contacts(UUID opportunityId);

    /** A user (an owner or team member, say) by id: name and e-mail for a document's "your contact". */
    Optional<UserSnapshot> user(UUID userId);

    /** The opportunity's latest activities, newest first, at most {@code limit} (1 to 100). */
    List<ActivitySnapshot> activities(UUID opportunityId, int limit);

    /** What the user may do with the opportunity: {@link RecordAccess#NONE} when they may not see it. */
    RecordAccess access(UUID opportunityId);

    /**
     * Each closed (won or lost) live opportunity the query selects and the user may see, in one pass: for analyses
     * of a few thousand deals (say, those one competitor was in). Amounts are in {@link #reportingCurrency()}.
     */
    void closedOpportunities(ClosedDealQuery query, Consumer<ClosedOpportunity> each);

    /**
     * The closed live opportunities the query selects and the user may see, grouped and summed in the database: what
     * win/loss analysis over tens of thousands of deals needs in tens of milliseconds.
     */
    ClosedDealGroups closedTotals(ClosedDealQuery query, ClosedDealGrouping by);

    /**
     * The same, grouped by keys the plugin gives per deal (say, the competitors in it): a deal with several keys is in
     * each group; the deals without any are one group with key null.
     */
    ClosedDealGroups closedTotals(ClosedDealQuery query, Map<UUID, ? extends Collection<String>> keys);

    /**
     * The same, grouped by keys the plugin keeps in a table of its own schema: read where they are, in the same
     * statement, which for tens of thousands of pairs saves sending them through the plugin.
     */
    ClosedDealGroups closedTotals(ClosedDealQuery query, ClosedDealKeyTable keys);

    /** The currency aggregates answer in and exchange rates are quoted against, e.g. {@code EUR}. */
    String reportingCurrency();

    /** One page; pass {@code endCursor} as {@code after} for the next while {@code hasNext}. */
    record Page(List<OpportunitySnapshot> items, String endCursor, boolean hasNext) {}
}

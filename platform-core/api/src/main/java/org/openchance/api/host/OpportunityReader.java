package org.openchance.api.host;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchance.api.model.AccountSnapshot;
import org.openchance.api.model.ActivitySnapshot;
import org.openchance.api.model.OpportunitySnapshot;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opportunities, their accounts and their timelines as immutable snapshots; opportunities one or a page at a time
 * (soonest expected close date first).
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

    /** The opportunity's latest activities, newest first, at most {@code limit} (1 to 100). */
    List<ActivitySnapshot> activities(UUID opportunityId, int limit);

    /** One page; pass {@code endCursor} as {@code after} for the next while {@code hasNext}. */
    record Page(List<OpportunitySnapshot> items, String endCursor, boolean hasNext) {}
}

package org.openchance.plugins.competitors;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.model.ClosedOpportunity;

/**
 * The closed deals an analysis counts (only those the user may see, as the host gave them) with the competitors in
 * each: the linked ones and the one a lost deal was lost to, merged competitors already replaced by the one they
 * became.
 *
 * @param competitorsIn per deal, the competitors that were in it (deals without any are absent)
 * @param lostTo        per lost deal with a known winner, the winner
 * @param names         the competitors' names by id
 * @param currency      the reporting currency the amounts are in
 */
record ClosedDeals(
        List<ClosedOpportunity> deals,
        Map<UUID, Set<UUID>> competitorsIn,
        Map<UUID, UUID> lostTo,
        Map<UUID, String> names,
        String currency) {

    Set<UUID> competitorsOf(ClosedOpportunity deal) {
        return competitorsIn.getOrDefault(deal.id(), Set.of());
    }
}

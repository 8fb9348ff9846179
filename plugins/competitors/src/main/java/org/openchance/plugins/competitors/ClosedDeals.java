package org.openchance.plugins.competitors;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.model.ClosedOpportunity;

/**
 * The closed deals one competitor was in (only those the user may see, as the host gave them) and, per lost deal
 * with a known winner, that winner (merges already followed).
 *
 * @param currency the reporting currency the amounts are in
 * @param links    the competitor's links the deals were found by (their price positions, say)
 */
record ClosedDeals(
        List<ClosedOpportunity> deals, Map<UUID, UUID> lostTo, String currency, List<CompetitorLink> links) {}

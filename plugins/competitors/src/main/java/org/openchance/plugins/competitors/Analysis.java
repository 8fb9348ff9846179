package org.openchance.plugins.competitors;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.model.ClosedOpportunity;
import org.openchance.api.model.NameKey;

/**
 * Gathers what an analysis counts: the closed deals of a period that the user may see (from the host, in one pass)
 * and the competitors in each (from this plugin's links and the deals' winners).
 */
final class Analysis {

    /** Close outcomes that name no competitor on purpose. */
    static final Set<String> NO_COMPETITOR = Set.of("NO_DECISION", "UNKNOWN", "NONE");

    private final OpportunityReader reader;
    private final CompetitorStore store;

    Analysis(OpportunityReader reader, CompetitorStore store) {
        this.reader = reader;
        this.store = store;
    }

    ClosedDeals load(FieldContext context, LocalDate from, LocalDate to, Predicate<ClosedOpportunity> filter)
            throws SQLException {
        List<ClosedOpportunity> deals = new ArrayList<>();
        reader.closedOpportunities(from, to, deal -> {
            if (filter.test(deal)) {
                deals.add(deal);
            }
        });
        Map<UUID, UUID> current = new HashMap<>();
        Map<String, UUID> byName = new HashMap<>();
        Map<UUID, String> names = new HashMap<>();
        for (Competitor c : store.all()) {
            current.put(c.id(), c.mergedInto() == null ? c.id() : c.mergedInto());
            if (c.mergedInto() == null) {
                byName.put(NameKey.of(c.name()), c.id());
                names.put(c.id(), c.name());
            }
        }
        Set<UUID> ids = new HashSet<>();
        for (ClosedOpportunity deal : deals) {
            ids.add(deal.id());
        }
        Map<UUID, Set<UUID>> competitorsIn = new HashMap<>();
        for (CompetitorLink link : store.allLinks()) {
            if (ids.contains(link.opportunityId())) {
                competitorsIn
                        .computeIfAbsent(link.opportunityId(), k -> new HashSet<>())
                        .add(current.getOrDefault(link.competitorId(), link.competitorId()));
            }
        }
        Map<String, UUID> winners = new HashMap<>();
        Map<UUID, UUID> lostTo = new HashMap<>();
        for (ClosedOpportunity deal : deals) {
            String given = deal.winningCompetitorId();
            if (deal.won() || given == null) {
                continue;
            }
            UUID winner = winners.computeIfAbsent(given, g -> winner(context, g, byName, current));
            if (winner != null) {
                lostTo.put(deal.id(), winner);
                competitorsIn.computeIfAbsent(deal.id(), k -> new HashSet<>()).add(winner);
            }
        }
        return new ClosedDeals(deals, competitorsIn, lostTo, names, reader.reportingCurrency());
    }

    /**
     * The competitor a close names: a Competitor ID, or the free text of older closes matched by name; followed
     * through merges. Null for "no decision", "unknown", "none" and text that matches no competitor.
     */
    static UUID winner(FieldContext context, String given, Map<String, UUID> byName, Map<UUID, UUID> current) {
        if (NO_COMPETITOR.contains(given)) {
            return null;
        }
        UUID id = context.recordId(given, "Competitor").orElseGet(() -> byName.get(NameKey.of(given)));
        return id == null ? null : current.get(id);
    }
}

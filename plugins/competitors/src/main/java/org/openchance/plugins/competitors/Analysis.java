package org.openchance.plugins.competitors;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.host.ClosedDealGroups;
import org.openchance.api.host.ClosedDealQuery;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.model.ClosedOpportunity;
import org.openchance.api.model.NameKey;

/**
 * What the analyses count, from the host (the closed deals the user may see: summed by the database, or one by one
 * for the few a competitor was in) and from this plugin (the competitors in each deal, merges followed).
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

    /** The rows of a win/loss analysis. */
    List<Map<String, Object>> winLoss(ClosedDealQuery query, WinLoss.Dimension dimension, int minDeals)
            throws SQLException {
        ClosedDealGroups groups;
        Map<UUID, String> names = new HashMap<>();
        if (dimension == WinLoss.Dimension.COMPETITOR) {
            Competitors competitors = competitors();
            names.putAll(competitors.names());
            Map<UUID, Set<String>> keys = new HashMap<>();
            Map<UUID, String> keyOf = new HashMap<>();
            for (UUID[] link : store.allLinks()) {
                keys.computeIfAbsent(link[0], k -> new HashSet<>(2))
                        .add(keyOf.computeIfAbsent(
                                link[1], c -> competitors.current(c).toString()));
            }
            groups = reader.closedTotals(query, keys);
        } else {
            groups = reader.closedTotals(query, dimension.grouping());
        }
        return WinLoss.rows(
                dimension,
                groups.groups(),
                // each deal once, also one with two reasons or three competitors; lost ones only where only they are
                dimension == WinLoss.Dimension.STAGE_LOST_AT
                        ? groups.all().losses()
                        : groups.all().deals(),
                t -> dimension == WinLoss.Dimension.COMPETITOR && t.key() != null
                        ? names.getOrDefault(UUID.fromString(t.key()), "?")
                        : WinLoss.label(dimension, t),
                minDeals,
                reader.reportingCurrency());
    }

    /** The deals these competitors were in (for a filter). */
    Set<UUID> dealsOf(Set<UUID> competitors) throws SQLException {
        Competitors all = competitors();
        Set<UUID> wanted = new HashSet<>();
        competitors.forEach(id -> wanted.add(all.current(id))); // an id of a merged one means the one it became
        Set<UUID> deals = new HashSet<>();
        for (UUID[] link : store.allLinks()) {
            if (wanted.contains(all.current(link[1]))) {
                deals.add(link[0]);
            }
        }
        return deals;
    }

    /** The closed deals one competitor was in, one by one, with who won each lost one. */
    ClosedDeals of(UUID competitor, ClosedDealQuery query) throws SQLException {
        Competitors competitors = competitors();
        List<UUID> ids = new ArrayList<>();
        for (CompetitorLink link : store.linksTo(competitor)) {
            ids.add(link.opportunityId());
        }
        List<ClosedOpportunity> deals = new ArrayList<>();
        if (!ids.isEmpty()) {
            reader.closedOpportunities(query.opportunities(ids), deals::add);
        }
        Map<UUID, UUID> lostTo = new HashMap<>();
        for (ClosedOpportunity deal : deals) {
            UUID winner = deal.won() ? null : competitors.winner(deal.winningCompetitorId());
            if (winner != null) {
                lostTo.put(deal.id(), winner);
            }
        }
        return new ClosedDeals(deals, lostTo, reader.reportingCurrency());
    }

    Competitors competitors() throws SQLException {
        return Competitors.of(store.all());
    }

    /** Every competitor: which one each became after merges, the live ones by folded name, their names. */
    record Competitors(Map<UUID, UUID> currents, Map<String, UUID> byName, Map<UUID, String> names) {

        UUID current(UUID id) {
            return currents.getOrDefault(id, id);
        }

        static Competitors of(List<Competitor> all) {
            Map<UUID, UUID> current = new HashMap<>();
            Map<String, UUID> byName = new HashMap<>();
            Map<UUID, String> names = new HashMap<>();
            for (Competitor c : all) {
                current.put(c.id(), c.mergedInto() == null ? c.id() : c.mergedInto());
                if (c.mergedInto() == null) {
                    byName.put(NameKey.of(c.name()), c.id());
                    names.put(c.id(), c.name());
                }
            }
            return new Competitors(current, byName, names);
        }

        UUID winner(String given) {
            return CompetitorIds.winner(given, currents, byName);
        }

        /**
         * The competitor a close names, as {@link #winner}; a name that matches none becomes a competitor (and is
         * known from then on). Null when the close names none on purpose, or an id that is not there.
         */
        UUID winnerOrNew(String given, CompetitorStore store) throws SQLException {
            UUID known = winner(given);
            if (known != null
                    || given == null
                    || given.isBlank()
                    || NO_COMPETITOR.contains(given)
                    || CompetitorIds.decode(given).isPresent()) {
                return known;
            }
            UUID made = store.findOrCreate(given, "Named as the winner of a lost deal")
                    .id();
            currents.put(made, made);
            byName.put(NameKey.of(given), made);
            names.put(made, given.trim());
            return made;
        }
    }
}

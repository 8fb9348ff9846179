package org.openchance.plugins.competitors;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.host.ClosedDealGroups;
import org.openchance.api.host.ClosedDealKeyTable;
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

    /** Which competitors are in which deal (this plugin's table). */
    static final ClosedDealKeyTable LINKS =
            ClosedDealKeyTable.of("opportunity_competitor", "opportunity_id", "competitor_id");

    /** Which competitors were in which deal when: the links and those taken out (for figures as of a past day). */
    static final ClosedDealKeyTable LINK_SPANS = ClosedDealKeyTable.of("link_span", "opportunity_id", "competitor_id")
            .since("created_at")
            .until("removed_at");

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
            names.putAll(competitors().names());
            // the links' table, joined by the host where it is; a merge moves the links, so they name live competitors
            groups = reader.closedTotals(query, query.asOf() == null ? LINKS : LINK_SPANS);
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

    /** The deals these competitors were in (for a filter): now, or as of the query's day. */
    Set<UUID> dealsOf(Set<UUID> competitors, ClosedDealQuery query) throws SQLException {
        Competitors all = competitors();
        Set<UUID> wanted = new HashSet<>();
        competitors.forEach(id -> wanted.add(all.current(id))); // an id of a merged one means the one it became
        Set<UUID> deals = new HashSet<>();
        for (UUID[] link : store.allLinks(moment(query))) {
            if (wanted.contains(all.current(link[1]))) {
                deals.add(link[0]);
            }
        }
        return deals;
    }

    /**
     * The closed deals one competitor was in, one by one, with who won each lost one; as of the query's day, those it
     * was put into by then.
     */
    ClosedDeals of(UUID competitor, ClosedDealQuery query) throws SQLException {
        Competitors competitors = competitors();
        List<CompetitorLink> links = linksTo(competitor, query);
        List<UUID> ids = new ArrayList<>();
        for (CompetitorLink link : links) {
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
        return new ClosedDeals(deals, lostTo, reader.reportingCurrency(), links);
    }

    /** The competitor's links, as of the query's day when it has one. */
    private List<CompetitorLink> linksTo(UUID competitor, ClosedDealQuery query) throws SQLException {
        return query.asOf() == null ? store.linksTo(competitor) : store.linksTo(competitor, moment(query));
    }

    /** The end of the query's as-of day (UTC), as the host reads it; null for now. */
    private static Instant moment(ClosedDealQuery query) {
        return query.asOf() == null
                ? null
                : query.asOf().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
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

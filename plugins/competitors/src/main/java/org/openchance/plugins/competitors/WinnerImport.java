package org.openchance.plugins.competitors;

import java.lang.System.Logger.Level;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.host.ClosedDealQuery;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.model.ClosedOpportunity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Brings the winners that close records name into the records: on every start, in the background, each lost deal's
 * winner becomes a competitor in that deal with status WON; winners named as free text (before this plugin,
 * {@code winningCompetitorId: "Acme"}) become the competitor of that name, created where missing. Reads as the
 * system (all closed deals). Closes after the start are {@link CloseListener}'s.
 *
 * <p>With the plugin setting {@code demo-data=true} (the demo generator sets it), the first start also gives the demo
 * competitors their SWOT and puts rivals into some won deals, so that the analysis has wins and losses to show.
 */
@Component(service = WinnerImport.class, immediate = true)
public class WinnerImport {

    private static final System.Logger LOG = System.getLogger(WinnerImport.class.getName());

    private final CompetitorStore store;
    private final OpportunityReader reader;
    private final PluginSettings settings;
    private final Thread worker;

    @Activate
    public WinnerImport(
            @Reference CompetitorStore store, @Reference OpportunityReader reader, @Reference PluginSettings settings) {
        this.store = store;
        this.reader = reader;
        this.settings = settings;
        this.worker = new Thread(this::run, "competitors-winner-import");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void stop() {
        worker.interrupt();
    }

    /** What one run did: for the log and the tests. */
    record Imported(int competitorsCreated, int linksAdded, int demoLinks) {}

    private void run() {
        try {
            Imported done = importWinners();
            if (done.competitorsCreated() + done.linksAdded() + done.demoLinks() > 0) {
                LOG.log(
                        Level.INFO,
                        "Competitors: {0} created from close records, {1} winner link(s) added, {2} demo link(s)",
                        done.competitorsCreated(),
                        done.linksAdded(),
                        done.demoLinks());
            }
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.log(Level.WARNING, "Competitors: the import of the winners of close records failed", e);
            }
        }
    }

    Imported importWinners() throws Exception {
        boolean demo = settings.getBoolean("demo-data", false) && store.all().isEmpty();
        if (demo) {
            for (DemoCompetitors.Demo d : DemoCompetitors.ALL) {
                store.create(
                        new Competitor(
                                UUID.randomUUID(),
                                d.name(),
                                d.website(),
                                null,
                                d.strengths(),
                                d.weaknesses(),
                                null,
                                null,
                                d.pricePosition(),
                                d.tags(),
                                null,
                                null,
                                1,
                                null,
                                null),
                        null);
            }
        }
        List<ClosedOpportunity> closed = new ArrayList<>();
        reader.closedOpportunities(
                ClosedDealQuery.closedBetween(
                        LocalDate.of(1900, 1, 1), LocalDate.now().plusDays(2)),
                closed::add);
        Analysis.Competitors competitors = Analysis.Competitors.of(store.all());
        Set<UUID> imported = store.importedCloses();
        int created = 0;
        List<UUID> deals = new ArrayList<>();
        List<UUID> winners = new ArrayList<>();
        for (ClosedOpportunity deal : closed) {
            String text = deal.winningCompetitorId();
            if (deal.won() || imported.contains(deal.id())) {
                continue;
            }
            boolean known = competitors.winner(text) != null;
            UUID winner = competitors.winnerOrNew(text, store);
            if (winner == null) {
                continue; // none on purpose, or the id of a competitor that is not there
            }
            created += known ? 0 : 1;
            deals.add(deal.id());
            winners.add(winner);
        }
        int linked = store.importLinks(deals, winners, statuses(deals.size(), "WON"), false);
        int demoLinks = demo ? rivals(closed) : 0;
        return new Imported(created, linked, demoLinks);
    }

    /** Demo only: one or two rivals in three of five won deals, and another bidder in some lost ones. */
    private int rivals(List<ClosedOpportunity> closed) throws Exception {
        List<UUID> competitors = new ArrayList<>();
        for (DemoCompetitors.Demo d : DemoCompetitors.ALL) {
            store.findByName(d.name()).ifPresent(c -> competitors.add(c.id()));
        }
        List<UUID> deals = new ArrayList<>();
        List<UUID> rivals = new ArrayList<>();
        for (ClosedOpportunity deal : closed) {
            int h = Math.floorMod(deal.id().hashCode(), 1_000_000);
            if (h % 5 < (deal.won() ? 3 : 1)) {
                for (int i = 0; i <= (h / 5) % 2; i++) {
                    // skewed to the first names, as the generator's winners are
                    int pick = (h / 10 + i * 7) % (1 + (h / 100) % competitors.size());
                    deals.add(deal.id());
                    rivals.add(competitors.get(pick));
                }
            }
        }
        return store.importLinks(deals, rivals, statuses(deals.size(), "LOST"), false);
    }

    private static List<String> statuses(int count, String status) {
        List<String> statuses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            statuses.add(status);
        }
        return statuses;
    }
}

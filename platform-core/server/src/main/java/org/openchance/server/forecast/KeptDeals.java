package org.openchance.server.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.store.access.Viewer;
import org.openchance.store.forecast.DealTimeline;
import org.openchance.store.forecast.ForecastDeals;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every live deal with its stage history, kept in memory for today's forecasts: reading 100,000 deals and 300,000
 * stage changes takes about two seconds, so each forecast asks the database only whether anything changed (the
 * watermark: count and version sum of the deals, the newest history row) and reads again just the deals changed
 * since (with five minutes' overlap for transactions that committed late), all of them every {@code
 * openchance.forecast.full-reload} (10 minutes) and whenever the count of live deals says the delta missed some. A
 * caller's deals are then the kept ones the visibility rule gives them ({@link ForecastDeals#visibleIds}), so what a
 * forecast shows is what the caller may see, as fresh as the database.
 */
@Component
class KeptDeals {

    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final long HISTORY_OVERLAP = 1_000;

    private record Kept(ForecastDeals.Watermark watermark, List<DealTimeline> deals, Instant loadedAt) {}

    private final ForecastDeals store;
    private final Duration fullReload;
    private Kept kept;

    KeptDeals(ForecastDeals store, @Value("${openchance.forecast.full-reload:PT10M}") Duration fullReload) {
        this.store = store;
        this.fullReload = fullReload;
    }

    /**
     * Every live deal with its stage history, as the database holds them now: the same list (the same instance)
     * until something changes, so what is built from it can be kept as long.
     */
    List<DealTimeline> all() {
        return current();
    }

    /** The ids of the deals the viewer may see, by the visibility rule; null when they see every deal. */
    Set<UUID> visibleIds(Viewer viewer) {
        return viewer.restrictsOpportunities() ? store.visibleIds(viewer) : null;
    }

    private synchronized List<DealTimeline> current() {
        ForecastDeals.Watermark now = store.watermark();
        Instant start = Instant.now();
        if (kept != null
                && kept.watermark().equals(now)
                && kept.loadedAt().plus(fullReload).isAfter(start)) {
            return kept.deals();
        }
        if (kept == null || kept.loadedAt().plus(fullReload).isBefore(start)) {
            kept = new Kept(now, live(store.load(Viewer.SYSTEM, start, ForecastDeals.STAGES_ONLY), start), start);
            return kept.deals();
        }
        Map<UUID, DealTimeline> byId = new HashMap<>();
        kept.deals().forEach(d -> byId.put(d.id(), d));
        for (DealTimeline changed : store.changedSince(
                kept.watermark().lastUpdate().minus(OVERLAP),
                kept.watermark().lastHistoryId() - HISTORY_OVERLAP,
                ForecastDeals.STAGES_ONLY)) {
            if (changed.existedAt(start)) {
                byId.put(changed.id(), changed);
            } else {
                byId.remove(changed.id());
            }
        }
        if (byId.size() != now.liveDeals()) {
            // deals written with earlier timestamps (an import, say) escape the overlap: read them all again
            kept = new Kept(now, live(store.load(Viewer.SYSTEM, start, ForecastDeals.STAGES_ONLY), start), start);
            return kept.deals();
        }
        List<DealTimeline> deals = new ArrayList<>(byId.values());
        deals.sort(Comparator.comparing(DealTimeline::id));
        kept = new Kept(now, List.copyOf(deals), kept.loadedAt());
        return kept.deals();
    }

    private static List<DealTimeline> live(List<DealTimeline> deals, Instant now) {
        return deals.stream().filter(d -> d.existedAt(now)).toList();
    }
}

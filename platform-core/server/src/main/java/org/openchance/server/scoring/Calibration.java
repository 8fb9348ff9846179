package org.openchance.server.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.access.Viewer;
import org.openchance.store.opportunity.OpportunityQueries;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.opportunity.OpportunityStatus;
import org.openchance.store.page.RowsById;
import org.springframework.stereotype.Component;

/**
 * Does a score deserve trust? Every closed opportunity is scored by the strategy and put into its score band; per
 * band, the win rate the score promises (the mean score as a percentage) next to the win rate that happened. A
 * strategy whose bands agree is calibrated; one whose high bands do not win more often than its low ones is noise.
 */
@Component
class Calibration {

    private static final int PAGE = 1_000;

    record Band(double from, double to, long count, long won, Double predictedWinRate, Double actualWinRate) {}

    record Result(String strategy, long closedOpportunities, List<Band> bands, long computedInMillis) {}

    private final OpportunityQueries opportunityQueries;
    private final RowsById<OpportunityRow> opportunities;
    private final Snapshots snapshots;
    private final PluginRegistry registry;
    private final CurrentUser currentUser;

    Calibration(
            OpportunityQueries opportunityQueries,
            RowsById<OpportunityRow> opportunities,
            Snapshots snapshots,
            PluginRegistry registry,
            CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.opportunityQueries = opportunityQueries;
        this.opportunities = opportunities;
        this.snapshots = snapshots;
        this.registry = registry;
    }

    Result calibrate(String strategyId, int bandCount) {
        if (bandCount < 2 || bandCount > 20) {
            throw new QueryInputException("bands", "must be between 2 and 20, was " + bandCount);
        }
        Extension<ScoringStrategy> strategy = registry.scoringStrategies().stream()
                .filter(s -> s.id().equals(strategyId))
                .findFirst()
                .orElseThrow(
                        () -> new QueryInputException("strategy", "is not an active scoring strategy: " + strategyId));
        Viewer viewer = currentUser.viewer(); // the bands count only the deals the caller may see
        long started = System.nanoTime();
        long[] count = new long[bandCount];
        long[] won = new long[bandCount];
        double[] scoreSum = new double[bandCount];
        double width = 100.0 / bandCount;
        UUID after = null;
        while (true) {
            List<UUID> ids = opportunityQueries.closedIds(viewer, after, PAGE);
            if (ids.isEmpty()) {
                break;
            }
            after = ids.get(ids.size() - 1);
            List<OpportunityRow> rows = opportunities.find(ids);
            Map<OpportunityRow, OpportunitySnapshot> page = snapshots.of(rows);
            // one guarded call per page: the plugin's time budget covers the page, not each score
            List<Score> scores = registry.call(strategy.pluginId(), () -> rows.stream()
                    .map(row -> strategy.service().score(page.get(row)))
                    .toList());
            for (int i = 0; i < rows.size(); i++) {
                double value = scores.get(i).value();
                int band = Math.min(bandCount - 1, (int) (value / width));
                count[band]++;
                scoreSum[band] += value;
                if (rows.get(i).status() == OpportunityStatus.WON) {
                    won[band]++;
                }
            }
        }
        List<Band> bands = new ArrayList<>();
        long total = 0;
        for (int b = 0; b < bandCount; b++) {
            total += count[b];
            bands.add(new Band(
                    b * width,
                    (b + 1) * width,
                    count[b],
                    won[b],
                    count[b] == 0 ? null : scoreSum[b] / count[b] / 100,
                    count[b] == 0 ? null : (double) won[b] / count[b]));
        }
        return new Result(strategyId, total, bands, (System.nanoTime() - started) / 1_000_000);
    }
}

package org.openchance.server.scoring;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openchance.api.scoring.Contribution;
import org.openchance.api.scoring.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.DateTimes;
import org.openchance.store.opportunity.OpportunityRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Scores from the scoring plugins, computed when asked (stored scores and history come with the scoring plugins).
 * Each call into a plugin goes through the registry's guard; a failing plugin costs its own score only.
 */
@Controller
class ScoreController {

    record ScoreView(double value, String strategy, OffsetDateTime computedAt, List<Contribution> contributions) {
    }

    record StrategyInfo(String id, String name, String plugin) {
    }

    private final PluginRegistry registry;
    private final Snapshots snapshots;
    private final Calibration calibration;

    ScoreController(PluginRegistry registry, Snapshots snapshots, Calibration calibration) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.calibration = calibration;
    }

    @QueryMapping
    Calibration.Result scoreCalibration(@Argument String strategy, @Argument Integer bands) {
        return calibration.calibrate(strategy, bands == null ? 10 : bands);
    }

    @QueryMapping
    List<StrategyInfo> scoringStrategies() {
        return registry.scoringStrategies().stream()
                .map(s -> new StrategyInfo(s.strategy().id(), s.strategy().name(), s.pluginId())).toList();
    }

    @BatchMapping(typeName = "Opportunity", field = "scores")
    Map<OpportunityRow, DataFetcherResult<List<ScoreView>>> scores(List<OpportunityRow> list) {
        return score(list, registry.scoringStrategies(), results -> results);
    }

    @BatchMapping(typeName = "Opportunity", field = "score")
    Map<OpportunityRow, DataFetcherResult<ScoreView>> score(List<OpportunityRow> list) {
        List<PluginRegistry.Strategy> strategies = registry.scoringStrategies();
        return score(list, strategies.isEmpty() ? List.of() : strategies.subList(0, 1),
                results -> results.isEmpty() ? null : results.get(0));
    }

    private <T> Map<OpportunityRow, DataFetcherResult<T>> score(List<OpportunityRow> list,
            List<PluginRegistry.Strategy> strategies, Function<List<ScoreView>, T> shape) {
        Map<OpportunityRow, OpportunitySnapshot> snapshots = strategies.isEmpty() ? Map.of() : this.snapshots.of(list);
        Map<OpportunityRow, DataFetcherResult<T>> results = new LinkedHashMap<>();
        for (OpportunityRow o : list) {
            List<ScoreView> scores = new ArrayList<>();
            DataFetcherResult.Builder<T> result = DataFetcherResult.newResult();
            for (PluginRegistry.Strategy s : strategies) {
                try {
                    Score score = registry.call(s.pluginId(), () -> s.strategy().score(snapshots.get(o)));
                    scores.add(new ScoreView(score.value(), s.strategy().id(), DateTimes.utc(Instant.now()),
                            score.contributions()));
                } catch (PluginCallException e) {
                    result.error(GraphqlErrorBuilder.newError().message(e.getMessage())
                            .extensions(Map.of("code", "PLUGIN_ERROR", "plugin", e.pluginId())).build());
                }
            }
            results.put(o, result.data(shape.apply(scores)).build());
        }
        return results;
    }
}

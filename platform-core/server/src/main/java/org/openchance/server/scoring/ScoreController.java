package org.openchance.server.scoring;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Contribution;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.pipeline.Pipelines;
import org.openchance.server.support.AfterCommit;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.scoring.ScoreStore;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Scores from the scoring plugins, computed when asked, so that they are explained as of now ({@link ScoreKeeper}
 * keeps the stored copy that lists are ordered by; the criteria plugin keeps the history).
 * Each call into a plugin goes through the registry's guard; a failing plugin costs its own score only.
 */
@Controller
class ScoreController {

    record ScoreView(double value, String strategy, OffsetDateTime computedAt, List<Contribution> contributions) {}

    record StrategyInfo(String id, String name, String plugin) {}

    private final PluginRegistry registry;
    private final Snapshots snapshots;
    private final Calibration calibration;
    private final Pipelines pipelines;
    private final PipelineStrategies pipelineStrategies;
    private final ScoreKeeper keeper;
    private final ScoreStore scoreStore;

    ScoreController(
            PluginRegistry registry,
            Snapshots snapshots,
            Calibration calibration,
            Pipelines pipelines,
            PipelineStrategies pipelineStrategies,
            ScoreKeeper keeper,
            ScoreStore scoreStore) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.calibration = calibration;
        this.pipelines = pipelines;
        this.pipelineStrategies = pipelineStrategies;
        this.keeper = keeper;
        this.scoreStore = scoreStore;
    }

    @QueryMapping
    Calibration.Result scoreCalibration(@Argument String strategy, @Argument Integer bands) {
        return calibration.calibrate(strategy, bands == null ? 10 : bands);
    }

    @QueryMapping
    List<StrategyInfo> scoringStrategies() {
        return registry.scoringStrategies().stream()
                .map(s -> new StrategyInfo(s.id(), s.service().name(), s.pluginId()))
                .toList();
    }

    @BatchMapping(typeName = "Opportunity", field = "scores")
    Map<OpportunityRow, DataFetcherResult<List<ScoreView>>> scores(List<OpportunityRow> list) {
        return score(list, registry.scoringStrategies(), results -> results);
    }

    /** The score of each opportunity's pipeline strategy (see {@link PipelineStrategies}), a batch per strategy. */
    @BatchMapping(typeName = "Opportunity", field = "score")
    Map<OpportunityRow, DataFetcherResult<ScoreView>> score(List<OpportunityRow> list) {
        Map<UUID, Extension<ScoringStrategy>> chosen = pipelineStrategies.byPipeline();
        Map<OpportunityRow, DataFetcherResult<ScoreView>> results = new HashMap<>();
        Map<Optional<Extension<ScoringStrategy>>, List<OpportunityRow>> byStrategy = list.stream()
                .collect(Collectors.groupingBy(
                        o -> Optional.ofNullable(chosen.get(o.pipelineId())), LinkedHashMap::new, Collectors.toList()));
        byStrategy.forEach((strategy, rows) -> results.putAll(score(
                rows, strategy.map(List::of).orElse(List.of()), scores -> scores.isEmpty() ? null : scores.get(0))));
        Map<OpportunityRow, DataFetcherResult<ScoreView>> ordered = new LinkedHashMap<>();
        list.forEach(o -> ordered.put(o, results.get(o)));
        return ordered;
    }

    @MutationMapping
    PipelinePayload setPipelineScoringStrategy(@Argument PipelineStrategyInput input) {
        return Mutations.run(
                () -> {
                    PipelineRow pipeline = GlobalId.decode(input.pipelineId(), "Pipeline")
                            .flatMap(pipelines::pipeline)
                            .orElseThrow(
                                    () -> new UserErrorException(UserError.notFound("input.pipelineId", "Pipeline")));
                    if (input.strategy() != null
                            && registry.scoringStrategies().stream().noneMatch(s -> s.id().equals(input.strategy()))) {
                        throw new UserErrorException(new UserError(
                                UserError.VALIDATION,
                                "no active scoring strategy has the id " + input.strategy()
                                        + " (see scoringStrategies)",
                                "input.strategy"));
                    }
                    scoreStore.setPipelineStrategy(pipeline.id(), input.strategy());
                    AfterCommit.run(keeper::wake); // the pipeline's stored scores are now under another strategy
                    return pipelines.pipeline(pipeline.id()).orElseThrow();
                },
                PipelinePayload::new);
    }

    record PipelineStrategyInput(String pipelineId, String strategy) {}

    record PipelinePayload(PipelineRow pipeline, List<UserError> errors) {}

    @SchemaMapping(typeName = "Pipeline", field = "scoringStrategy")
    String pipelineScoringStrategy(PipelineRow pipeline) {
        return pipeline.scoringStrategy();
    }

    private <T> Map<OpportunityRow, DataFetcherResult<T>> score(
            List<OpportunityRow> list,
            List<Extension<ScoringStrategy>> strategies,
            Function<List<ScoreView>, T> shape) {
        Map<OpportunityRow, OpportunitySnapshot> snapshots = strategies.isEmpty() ? Map.of() : this.snapshots.of(list);
        Map<OpportunityRow, DataFetcherResult<T>> results = new LinkedHashMap<>();
        for (OpportunityRow o : list) {
            List<ScoreView> scores = new ArrayList<>();
            DataFetcherResult.Builder<T> result = DataFetcherResult.newResult();
            for (Extension<ScoringStrategy> s : strategies) {
                try {
                    Score score = registry.call(s.pluginId(), () -> s.service().score(snapshots.get(o)));
                    scores.add(
                            new ScoreView(score.value(), s.id(), DateTimes.utc(Instant.now()), score.contributions()));
                } catch (PluginCallException e) {
                    result.error(GraphqlErrorBuilder.newError()
                            .message(e.getMessage())
                            .extensions(Map.of("code", "PLUGIN_ERROR", "plugin", e.pluginId()))
                            .build());
                }
            }
            results.put(o, result.data(shape.apply(scores)).build());
        }
        return results;
    }
}

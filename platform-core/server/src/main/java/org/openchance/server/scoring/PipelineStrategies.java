package org.openchance.server.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.scoring.ScoringStrategy;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.pipeline.Pipelines;
import org.openchance.store.pipeline.PipelineRow;
import org.springframework.stereotype.Component;

/**
 * Which strategy's score is "the" score ({@code Opportunity.score}) of each pipeline's opportunities: the one the
 * pipeline chose while it is active, else the first active strategy by id; none when no strategy is active.
 */
@Component
public class PipelineStrategies {

    private final PluginRegistry registry;
    private final Pipelines pipelines;

    PipelineStrategies(PluginRegistry registry, Pipelines pipelines) {
        this.registry = registry;
        this.pipelines = pipelines;
    }

    /** Whether any scoring strategy is active (else no opportunity has a score). */
    public boolean anyActive() {
        return !registry.scoringStrategies().isEmpty();
    }

    /** By pipeline id; pipelines without an active strategy are missing. */
    public Map<UUID, Extension<ScoringStrategy>> byPipeline() {
        List<Extension<ScoringStrategy>> active = registry.scoringStrategies();
        Map<UUID, Extension<ScoringStrategy>> chosen = new HashMap<>();
        if (active.isEmpty()) {
            return chosen;
        }
        for (PipelineRow pipeline : pipelines.all()) {
            chosen.put(
                    pipeline.id(),
                    active.stream()
                            .filter(s -> s.id().equals(pipeline.scoringStrategy()))
                            .findFirst()
                            .orElse(active.get(0)));
        }
        return chosen;
    }
}

package org.openchance.server.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;

/**
 * Scores many opportunities with one strategy in one guarded plugin call (a call per opportunity costs a thread
 * hand-off each); when that call fails, each opportunity is scored in a call of its own, so that a failure costs only
 * the scores that fail.
 */
final class BatchScoring {

    private BatchScoring() {}

    /** The scores by opportunity id; one that failed is missing (the registry has recorded why). */
    static Map<UUID, Score> score(
            PluginRegistry registry, Extension<ScoringStrategy> strategy, List<OpportunitySnapshot> opportunities) {
        if (opportunities.size() > 1) {
            try {
                return registry.call(strategy.pluginId(), () -> {
                    Map<UUID, Score> all = new LinkedHashMap<>();
                    for (OpportunitySnapshot o : opportunities) {
                        all.put(o.id(), strategy.service().score(o));
                    }
                    return all;
                });
            } catch (PluginCallException batchFailed) {
                // one by one below
            }
        }
        Map<UUID, Score> scores = new LinkedHashMap<>();
        for (OpportunitySnapshot o : opportunities) {
            try {
                scores.put(o.id(), registry.call(strategy.pluginId(), () -> strategy.service()
                        .score(o)));
            } catch (PluginCallException e) {
                // this one has no score
            }
        }
        return scores;
    }
}

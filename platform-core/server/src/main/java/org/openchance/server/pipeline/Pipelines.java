package org.openchance.server.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchance.server.support.AfterCommit;
import org.openchance.store.pipeline.PipelineRepository;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.pipeline.StageRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Pipelines and stages. Read on every opportunity write and list; small, so read whole and kept for a few seconds:
 * a page of opportunities then costs no statement for its stages (they change rarely, and only by administrators;
 * this server forgets them at a change, another server of a cluster reads them again within those seconds).
 */
@Component
public class Pipelines {

    private final PipelineRepository repository;
    private final Cache<String, List<StageRow>> stages;

    Pipelines(PipelineRepository repository, @Value("${openchance.pipelines.cache-seconds:10}") long cacheSeconds) {
        this.repository = repository;
        this.stages = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(cacheSeconds))
                .maximumSize(1)
                .build();
    }

    public List<PipelineRow> all() {
        return repository.findAllOrderByPosition().stream()
                .sorted(Comparator.comparing((PipelineRow p) -> !p.defaultPipeline())
                        .thenComparing(PipelineRow::position))
                .toList();
    }

    public Optional<PipelineRow> pipeline(UUID id) {
        return repository.findById(id);
    }

    public PipelineRow defaultPipeline() {
        return all().get(0);
    }

    public List<StageRow> stages() {
        return stages.get("all", all -> List.copyOf(repository.allStages()));
    }

    /** The pipeline's live stages in order. */
    public List<StageRow> stagesOf(UUID pipelineId) {
        return stages().stream()
                .filter(s -> s.pipelineId().equals(pipelineId) && s.live())
                .sorted(Comparator.comparingInt(StageRow::position))
                .toList();
    }

    /** A stage, also a removed one (closed deals and history still name it). */
    public Optional<StageRow> stage(UUID id) {
        return stages().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** After a configuration change: read the stages again, now and once the change has committed. */
    public void forget() {
        stages.invalidateAll();
        AfterCommit.run(stages::invalidateAll);
    }

    /** The reasons offered when closing with this outcome; with the retired ones when {@code all}. */
    public List<String> closeReasons(UUID pipelineId, String outcome, boolean all) {
        return all ? repository.allCloseReasons(pipelineId, outcome) : repository.closeReasons(pipelineId, outcome);
    }

    public List<String> closeReasons(UUID pipelineId, String outcome) {
        return closeReasons(pipelineId, outcome, false);
    }
}

package org.openchance.server.pipeline;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchance.store.pipeline.PipelineRepository;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.pipeline.StageRow;
import org.springframework.stereotype.Component;

/** Pipelines and stages. Read on every opportunity write and list; small, so read whole. */
@Component
public class Pipelines {

    private final PipelineRepository repository;

    Pipelines(PipelineRepository repository) {
        this.repository = repository;
    }

    public List<PipelineRow> all() {
        return repository.findAllOrderByPosition().stream()
                .sorted(Comparator.comparing((PipelineRow p) -> !p.defaultPipeline()).thenComparing(PipelineRow::position))
                .toList();
    }

    public Optional<PipelineRow> pipeline(UUID id) {
        return repository.findById(id);
    }

    public PipelineRow defaultPipeline() {
        return all().get(0);
    }

    public List<StageRow> stages() {
        return repository.allStages();
    }

    public List<StageRow> stagesOf(UUID pipelineId) {
        return stages().stream().filter(s -> s.pipelineId().equals(pipelineId)).toList();
    }

    public Optional<StageRow> stage(UUID id) {
        return stages().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public List<String> closeReasons(UUID pipelineId, String outcome) {
        return repository.closeReasons(pipelineId, outcome);
    }
}

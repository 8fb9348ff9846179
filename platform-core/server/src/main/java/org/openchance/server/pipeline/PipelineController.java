package org.openchance.server.pipeline;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.server.graphql.GlobalId;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.pipeline.StageRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class PipelineController {

    private final Pipelines pipelines;

    PipelineController(Pipelines pipelines) {
        this.pipelines = pipelines;
    }

    @QueryMapping
    List<PipelineRow> pipelines() {
        return pipelines.all();
    }

    @SchemaMapping(typeName = "Pipeline", field = "id")
    String id(PipelineRow pipeline) {
        return GlobalId.of("Pipeline", pipeline.id());
    }

    @SchemaMapping(typeName = "Pipeline", field = "isDefault")
    boolean isDefault(PipelineRow pipeline) {
        return pipeline.defaultPipeline();
    }

    @BatchMapping(typeName = "Pipeline", field = "stages")
    Map<PipelineRow, List<StageRow>> stages(List<PipelineRow> list) {
        List<StageRow> all = pipelines.stages();
        return list.stream().collect(Collectors.toMap(Function.identity(),
                p -> all.stream().filter(s -> s.pipelineId().equals(p.id())).toList()));
    }

    @SchemaMapping(typeName = "Pipeline", field = "closeReasons")
    List<String> closeReasons(PipelineRow pipeline, @Argument String outcome) {
        return pipelines.closeReasons(pipeline.id(), outcome);
    }

    @SchemaMapping(typeName = "Stage", field = "id")
    String stageId(StageRow stage) {
        return GlobalId.of("Stage", stage.id());
    }

    @SchemaMapping(typeName = "Stage", field = "isClosed")
    boolean isClosed(StageRow stage) {
        return stage.closed();
    }

    @SchemaMapping(typeName = "Stage", field = "isWon")
    boolean isWon(StageRow stage) {
        return stage.won();
    }
}

package org.openchance.server.pipeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.graphql.UserError;
import org.openchance.server.money.ReportingCurrency;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.pipeline.StageRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class PipelineController {

    private final Pipelines pipelines;
    private final PipelineSummaries summaries;

    private final CurrentUser currentUser;
    private final PipelineConfiguration configuration;

    PipelineController(
            Pipelines pipelines,
            PipelineSummaries summaries,
            CurrentUser currentUser,
            PipelineConfiguration configuration) {
        this.currentUser = currentUser;
        this.configuration = configuration;
        this.pipelines = pipelines;
        this.summaries = summaries;
    }

    @QueryMapping
    List<PipelineRow> pipelines(@Argument Boolean includeArchived) {
        return pipelines.all().stream()
                .filter(p -> !p.archived() || Boolean.TRUE.equals(includeArchived))
                .toList();
    }

    record PipelinePayload(PipelineRow pipeline, List<UserError> errors) {}

    @MutationMapping
    PipelinePayload createPipeline(@Argument PipelineConfiguration.CreatePipelineInput input) {
        return Mutations.run(() -> configuration.create(input), PipelinePayload::new);
    }

    @MutationMapping
    PipelinePayload updatePipeline(@Argument PipelineConfiguration.UpdatePipelineInput input) {
        return Mutations.run(() -> configuration.update(input), PipelinePayload::new);
    }

    @MutationMapping
    PipelinePayload addStage(@Argument PipelineConfiguration.AddStageInput input) {
        return Mutations.run(() -> configuration.addStage(input), PipelinePayload::new);
    }

    @MutationMapping
    PipelinePayload updateStage(@Argument PipelineConfiguration.UpdateStageInput input) {
        return Mutations.run(() -> configuration.updateStage(input), PipelinePayload::new);
    }

    @MutationMapping
    PipelinePayload moveStage(@Argument PipelineConfiguration.MoveStageInput input) {
        return Mutations.run(() -> configuration.moveStage(input), PipelinePayload::new);
    }

    @MutationMapping
    PipelinePayload removeStage(@Argument PipelineConfiguration.RemoveStageInput input) {
        return Mutations.run(() -> configuration.removeStage(input), PipelinePayload::new);
    }

    @MutationMapping
    PipelinePayload addCloseReason(@Argument PipelineConfiguration.CloseReasonInput input) {
        return Mutations.run(() -> configuration.addCloseReason(input), PipelinePayload::new);
    }

    @MutationMapping
    PipelinePayload renameCloseReason(@Argument PipelineConfiguration.CloseReasonInput input) {
        return Mutations.run(() -> configuration.renameCloseReason(input), PipelinePayload::new);
    }

    @MutationMapping
    PipelinePayload retireCloseReason(@Argument PipelineConfiguration.CloseReasonInput input) {
        return Mutations.run(() -> configuration.retireCloseReason(input), PipelinePayload::new);
    }

    @QueryMapping
    List<PipelineSummaries.StageSummary> pipelineSummary(
            @Argument String pipelineId,
            @Argument LocalDate closeDateFrom,
            @Argument LocalDate closeDateTo,
            @Argument List<String> ownerIds,
            @Argument String currency,
            @Argument LocalDate asOf) {
        PipelineRow pipeline = pipelineId == null
                ? pipelines.defaultPipeline()
                : GlobalId.decode(pipelineId, "Pipeline")
                        .flatMap(pipelines::pipeline)
                        .orElseThrow(() -> new QueryInputException("pipelineId", "is not a pipeline"));
        if (currency != null && !ReportingCurrency.isCode(currency)) {
            throw new QueryInputException("currency", "must be an ISO 4217 code such as EUR");
        }
        List<UUID> owners = ownerIds == null
                ? null
                : ownerIds.stream()
                        .map(id -> GlobalId.decode(id, "User")
                                .orElseThrow(() ->
                                        new QueryInputException("ownerIds", "contains " + id + ", not a user id")))
                        .toList();
        return summaries.summarize(
                currentUser.viewer(), pipeline.id(), closeDateFrom, closeDateTo, owners, currency, asOf);
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
        return list.stream().collect(Collectors.toMap(Function.identity(), p -> pipelines.stagesOf(p.id())));
    }

    @SchemaMapping(typeName = "Pipeline", field = "closeReasons")
    List<String> closeReasons(PipelineRow pipeline, @Argument String outcome, @Argument Boolean includeRetired) {
        return pipelines.closeReasons(pipeline.id(), outcome, Boolean.TRUE.equals(includeRetired));
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

package org.openchance.server.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.opportunity.OpportunityService;
import org.openchance.store.pipeline.PipelineChanges;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.pipeline.StageRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sales process as configuration: pipelines, their stages in order and their close reasons, changed through the
 * API by administrators. Every pipeline keeps exactly one won and one lost stage, after its open stages; positions
 * stay 1, 2, 3 ...; stage names are unique within a pipeline. Each change claims the pipeline's next version (a
 * concurrent one is a VERSION_CONFLICT), runs in one transaction and is a {@code pipeline.changed} event.
 */
@Service
public class PipelineConfiguration {

    public record StageInput(
            String name,
            Integer defaultProbability,
            String forecastCategory,
            Integer stalledAfterDays,
            List<String> requiredFields) {}

    public record CreatePipelineInput(
            String name,
            Boolean isDefault,
            Boolean lostRequiresReason,
            Boolean lostRequiresCompetitor,
            List<StageInput> stages,
            String wonStageName,
            String lostStageName,
            List<String> wonReasons,
            List<String> lostReasons) {}

    public record UpdatePipelineInput(
            String id,
            Integer expectedVersion,
            String name,
            Boolean isDefault,
            Boolean archived,
            Boolean lostRequiresReason,
            Boolean lostRequiresCompetitor) {}

    public record AddStageInput(
            String pipelineId,
            Integer expectedVersion,
            Integer position,
            String name,
            Integer defaultProbability,
            String forecastCategory,
            Integer stalledAfterDays,
            List<String> requiredFields) {}

    public record UpdateStageInput(
            String id,
            Integer expectedVersion,
            String name,
            Integer defaultProbability,
            String forecastCategory,
            Integer stalledAfterDays,
            Boolean clearStalledAfterDays,
            List<String> requiredFields) {}

    public record MoveStageInput(String id, Integer expectedVersion, Integer position) {}

    public record RemoveStageInput(String id, Integer expectedVersion, String moveOpportunitiesToStageId) {}

    public record CloseReasonInput(
            String pipelineId, Integer expectedVersion, String outcome, String reason, String newName) {}

    /** The categories an open stage may forecast in; CLOSED and OMITTED belong to the closed stages. */
    private static final List<String> OPEN_CATEGORIES = List.of("PIPELINE", "BEST_CASE", "COMMIT");

    private final PipelineChanges changes;
    private final Pipelines pipelines;
    private final OpportunityService opportunities;
    private final DomainEvents events;

    PipelineConfiguration(
            PipelineChanges changes, Pipelines pipelines, OpportunityService opportunities, DomainEvents events) {
        this.changes = changes;
        this.pipelines = pipelines;
        this.opportunities = opportunities;
        this.events = events;
    }

    @Transactional
    public PipelineRow create(CreatePipelineInput in) {
        Validation v = new Validation();
        name(v, in.name(), "input.name");
        v.check(
                in.name() == null || pipelines.all().stream().noneMatch(p -> same(p.name(), in.name())),
                "input.name",
                "another pipeline has this name");
        List<StageInput> open = in.stages() == null ? List.of() : in.stages();
        v.check(!open.isEmpty(), "input.stages", "needs at least one open stage");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            StageInput s = open.get(i);
            String field = "input.stages[" + i + "]";
            openStage(v, field, s.name(), s.defaultProbability(), s.forecastCategory(), s.stalledAfterDays());
            requiredFields(v, field + ".requiredFields", s.requiredFields());
            names.add(s.name());
        }
        String won = in.wonStageName() == null ? "Closed Won" : in.wonStageName();
        String lost = in.lostStageName() == null ? "Closed Lost" : in.lostStageName();
        name(v, won, "input.wonStageName");
        name(v, lost, "input.lostStageName");
        names.add(won);
        names.add(lost);
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (names.get(i) != null && names.get(j) != null && same(names.get(i), names.get(j))) {
                    v.add(UserError.validation(
                            stageField(i, open.size()),
                            "two stages are named \"" + names.get(i).trim() + "\""));
                }
            }
        }
        reasons(v, "input.wonReasons", in.wonReasons());
        reasons(v, "input.lostReasons", in.lostReasons());
        v.orThrow();

        UUID id = UUID.randomUUID();
        boolean isDefault = Boolean.TRUE.equals(in.isDefault());
        if (isDefault) {
            changes.clearDefaultExcept(id);
        }
        changes.insertPipeline(
                id,
                in.name().trim(),
                isDefault,
                in.lostRequiresReason() == null || in.lostRequiresReason(),
                Boolean.TRUE.equals(in.lostRequiresCompetitor()));
        int position = 1;
        for (StageInput s : open) {
            changes.insertStage(
                    UUID.randomUUID(),
                    id,
                    s.name().trim(),
                    position++,
                    s.defaultProbability(),
                    s.forecastCategory() == null ? "PIPELINE" : s.forecastCategory(),
                    false,
                    false,
                    s.stalledAfterDays(),
                    orEmpty(s.requiredFields()));
        }
        changes.insertStage(UUID.randomUUID(), id, won.trim(), position++, 100, "CLOSED", true, true, null, List.of());
        changes.insertStage(UUID.randomUUID(), id, lost.trim(), position, 0, "OMITTED", true, false, null, List.of());
        orEmpty(in.wonReasons()).forEach(r -> changes.addCloseReason(id, "WON", r.trim()));
        orEmpty(in.lostReasons()).forEach(r -> changes.addCloseReason(id, "LOST", r.trim()));
        return changed(id, "created");
    }

    @Transactional
    public PipelineRow update(UpdatePipelineInput in) {
        PipelineRow p = pipeline(in.id(), "input.id");
        Validation v = new Validation();
        if (in.name() != null) {
            name(v, in.name(), "input.name");
            v.check(
                    pipelines.all().stream().noneMatch(o -> !o.id().equals(p.id()) && same(o.name(), in.name())),
                    "input.name",
                    "another pipeline has this name");
        }
        boolean isDefault = in.isDefault() == null ? p.defaultPipeline() : in.isDefault();
        boolean archived = in.archived() == null ? p.archived() : in.archived();
        v.check(
                isDefault || !p.defaultPipeline(),
                "input.isDefault",
                "make another pipeline the default instead (there is always one)");
        v.check(!(isDefault && archived), "input.archived", "the default pipeline cannot be archived");
        v.orThrow();
        claim(p, in.expectedVersion());
        if (isDefault && !p.defaultPipeline()) {
            changes.clearDefaultExcept(p.id());
        }
        changes.updatePipeline(
                p.id(),
                in.name() == null ? p.name() : in.name().trim(),
                isDefault,
                archived,
                in.lostRequiresReason() == null ? p.lostRequiresReason() : in.lostRequiresReason(),
                in.lostRequiresCompetitor() == null ? p.lostRequiresCompetitor() : in.lostRequiresCompetitor());
        return changed(p.id(), "updated");
    }

    @Transactional
    public PipelineRow addStage(AddStageInput in) {
        PipelineRow p = pipeline(in.pipelineId(), "input.pipelineId");
        List<StageRow> stages = pipelines.stagesOf(p.id());
        List<StageRow> open = stages.stream().filter(s -> !s.closed()).toList();
        Validation v = new Validation();
        openStage(v, "input", in.name(), in.defaultProbability(), in.forecastCategory(), in.stalledAfterDays());
        requiredFields(v, "input.requiredFields", in.requiredFields());
        uniqueName(v, stages, null, in.name(), "input.name");
        int position = in.position() == null ? open.size() + 1 : in.position();
        v.check(
                position >= 1 && position <= open.size() + 1,
                "input.position",
                "must be between 1 and " + (open.size() + 1) + " (the open stages; the closed ones stay last)");
        v.orThrow();
        claim(p, in.expectedVersion());
        UUID id = UUID.randomUUID();
        changes.insertStage(
                id,
                p.id(),
                in.name().trim(),
                -(stages.size() + 1), // out of the way until ordered
                in.defaultProbability(),
                in.forecastCategory() == null ? "PIPELINE" : in.forecastCategory(),
                false,
                false,
                in.stalledAfterDays(),
                orEmpty(in.requiredFields()));
        List<UUID> order = new ArrayList<>(open.stream().map(StageRow::id).toList());
        order.add(position - 1, id);
        stages.stream().filter(StageRow::closed).forEach(s -> order.add(s.id()));
        changes.order(p.id(), order);
        return changed(p.id(), "stage added");
    }

    @Transactional
    public PipelineRow updateStage(UpdateStageInput in) {
        StageRow stage = liveStage(in.id(), "input.id");
        PipelineRow p = pipelines.pipeline(stage.pipelineId()).orElseThrow();
        Validation v = new Validation();
        String name = in.name() == null ? stage.name() : in.name();
        int probability = in.defaultProbability() == null ? stage.defaultProbability() : in.defaultProbability();
        String category = in.forecastCategory() == null ? stage.forecastCategory() : in.forecastCategory();
        Integer stalled = Boolean.TRUE.equals(in.clearStalledAfterDays())
                ? null
                : in.stalledAfterDays() == null ? stage.stalledAfterDays() : in.stalledAfterDays();
        if (stage.closed()) {
            v.check(
                    probability == stage.defaultProbability(),
                    "input.defaultProbability",
                    "a closed stage's probability is " + stage.defaultProbability());
            v.check(
                    category.equals(stage.forecastCategory()),
                    "input.forecastCategory",
                    "a closed stage forecasts as " + stage.forecastCategory());
            v.check(stalled == null, "input.stalledAfterDays", "closed deals do not stall");
            name(v, name, "input.name");
        } else {
            openStage(v, "input", name, probability, category, stalled);
        }
        requiredFields(v, "input.requiredFields", in.requiredFields());
        uniqueName(v, pipelines.stagesOf(p.id()), stage.id(), name, "input.name");
        v.orThrow();
        claim(p, in.expectedVersion());
        changes.updateStage(
                stage.id(),
                name.trim(),
                probability,
                category,
                stalled,
                in.requiredFields() == null ? List.of(stage.requiredFields()) : in.requiredFields());
        return changed(p.id(), "stage updated");
    }

    @Transactional
    public PipelineRow moveStage(MoveStageInput in) {
        StageRow stage = liveStage(in.id(), "input.id");
        PipelineRow p = pipelines.pipeline(stage.pipelineId()).orElseThrow();
        List<StageRow> stages = pipelines.stagesOf(p.id());
        List<StageRow> open = stages.stream().filter(s -> !s.closed()).toList();
        if (stage.closed()) {
            throw new UserErrorException(UserError.validation("input.id", "the closed stages stay last"));
        }
        int position = in.position() == null ? -1 : in.position();
        if (position < 1 || position > open.size()) {
            throw new UserErrorException(UserError.validation(
                    "input.position", "must be between 1 and " + open.size() + " (the open stages)"));
        }
        claim(p, in.expectedVersion());
        List<UUID> order = new ArrayList<>(open.stream().map(StageRow::id).toList());
        order.remove(stage.id());
        order.add(position - 1, stage.id());
        stages.stream().filter(StageRow::closed).forEach(s -> order.add(s.id()));
        changes.order(p.id(), order);
        return changed(p.id(), "stage moved");
    }

    /**
     * Removes an open stage. Its opportunities (deleted ones too) move to the stage the caller names, each with a
     * history row and an event, in the same transaction; without one, a stage that has opportunities stays.
     */
    @Transactional
    public PipelineRow removeStage(RemoveStageInput in) {
        StageRow stage = liveStage(in.id(), "input.id");
        PipelineRow p = pipelines.pipeline(stage.pipelineId()).orElseThrow();
        List<StageRow> open =
                pipelines.stagesOf(p.id()).stream().filter(s -> !s.closed()).toList();
        if (stage.closed()) {
            throw new UserErrorException(
                    UserError.validation("input.id", "a pipeline keeps its won and its lost stage"));
        }
        if (open.size() == 1) {
            throw new UserErrorException(UserError.validation("input.id", "a pipeline needs at least one open stage"));
        }
        List<UUID> deals = changes.opportunitiesIn(stage.id());
        StageRow target = null;
        if (in.moveOpportunitiesToStageId() != null) {
            target = GlobalId.decode(in.moveOpportunitiesToStageId(), "Stage")
                    .flatMap(pipelines::stage)
                    .filter(s -> s.live() && !s.closed() && s.pipelineId().equals(p.id()) && !s.id().equals(stage.id()))
                    .orElseThrow(() -> new UserErrorException(UserError.notFound(
                            "input.moveOpportunitiesToStageId", "Another open stage of pipeline " + p.name())));
        } else if (!deals.isEmpty()) {
            throw new UserErrorException(UserError.validation(
                    "input.moveOpportunitiesToStageId",
                    deals.size() + " opportunities are in this stage: name the stage they move to"));
        }
        claim(p, in.expectedVersion());
        for (UUID deal : deals) {
            opportunities.moveForConfiguration(deal, target);
        }
        changes.removeStage(stage.id());
        changes.order(
                p.id(),
                pipelines.stagesOf(p.id()).stream()
                        .filter(s -> !s.id().equals(stage.id()))
                        .map(StageRow::id)
                        .toList());
        return changed(p.id(), "stage removed, " + deals.size() + " opportunities moved");
    }

    @Transactional
    public PipelineRow addCloseReason(CloseReasonInput in) {
        PipelineRow p = pipeline(in.pipelineId(), "input.pipelineId");
        String outcome = outcome(in.outcome());
        Validation v = new Validation().text(in.reason(), "input.reason", true, 100);
        v.check(
                in.reason() == null
                        || !pipelines
                                .closeReasons(p.id(), outcome)
                                .contains(in.reason().trim()),
                "input.reason",
                "is already a reason of this pipeline");
        v.orThrow();
        claim(p, in.expectedVersion());
        String reason = in.reason().trim();
        if (!changes.unretireCloseReason(p.id(), outcome, reason)) {
            changes.addCloseReason(p.id(), outcome, reason);
        }
        return changed(p.id(), outcome + " reason added");
    }

    @Transactional
    public PipelineRow renameCloseReason(CloseReasonInput in) {
        PipelineRow p = pipeline(in.pipelineId(), "input.pipelineId");
        String outcome = outcome(in.outcome());
        List<String> all = pipelines.closeReasons(p.id(), outcome, true);
        Validation v = new Validation().text(in.newName(), "input.newName", true, 100);
        v.check(all.contains(in.reason()), "input.reason", "is not a reason of this pipeline");
        v.check(
                in.newName() == null || !all.contains(in.newName().trim()),
                "input.newName",
                "is already a reason of this pipeline");
        v.orThrow();
        claim(p, in.expectedVersion());
        int deals = changes.renameCloseReason(
                p.id(), outcome, in.reason(), in.newName().trim());
        return changed(p.id(), outcome + " reason renamed on " + deals + " closed opportunities");
    }

    @Transactional
    public PipelineRow retireCloseReason(CloseReasonInput in) {
        PipelineRow p = pipeline(in.pipelineId(), "input.pipelineId");
        String outcome = outcome(in.outcome());
        if (!pipelines.closeReasons(p.id(), outcome).contains(in.reason())) {
            throw new UserErrorException(
                    UserError.validation("input.reason", "is not an offered reason of this pipeline"));
        }
        claim(p, in.expectedVersion());
        changes.retireCloseReason(p.id(), outcome, in.reason());
        return changed(p.id(), outcome + " reason retired");
    }

    // ---- checks ----

    private PipelineRow pipeline(String id, String field) {
        return GlobalId.decode(id, "Pipeline")
                .flatMap(pipelines::pipeline)
                .orElseThrow(() -> new UserErrorException(UserError.notFound(field, "Pipeline")));
    }

    private StageRow liveStage(String id, String field) {
        return GlobalId.decode(id, "Stage")
                .flatMap(pipelines::stage)
                .filter(StageRow::live)
                .orElseThrow(() -> new UserErrorException(UserError.notFound(field, "Stage")));
    }

    private void claim(PipelineRow p, Integer expectedVersion) {
        if (expectedVersion == null || !changes.claimVersion(p.id(), expectedVersion)) {
            throw new UserErrorException(new UserError(
                    UserError.VERSION_CONFLICT,
                    "the pipeline is at version " + p.version() + ", not " + expectedVersion + ": reload and try again",
                    "input.expectedVersion"));
        }
    }

    private static void name(Validation v, String name, String field) {
        v.text(name, field, true, 100);
    }

    private static void openStage(
            Validation v, String field, String name, Integer probability, String category, Integer stalledAfterDays) {
        name(v, name, field + ".name");
        v.check(probability != null, field + ".defaultProbability", "is required");
        v.check(
                probability == null || (probability >= 0 && probability <= 100),
                field + ".defaultProbability",
                "must be between 0 and 100");
        v.check(
                category == null || OPEN_CATEGORIES.contains(category),
                field + ".forecastCategory",
                "an open stage forecasts as one of " + OPEN_CATEGORIES);
        v.check(
                stalledAfterDays == null || (stalledAfterDays >= 1 && stalledAfterDays <= 3650),
                field + ".stalledAfterDays",
                "must be between 1 and 3650 days");
    }

    private static void requiredFields(Validation v, String field, List<String> fields) {
        for (String f : orEmpty(fields)) {
            v.check(StageRules.known(f), field, "unknown field \"" + f + "\"; known: " + StageRules.fields());
        }
    }

    private static void uniqueName(Validation v, List<StageRow> stages, UUID self, String name, String field) {
        if (name != null && stages.stream().anyMatch(s -> !s.id().equals(self) && same(s.name(), name))) {
            v.add(UserError.validation(field, "another stage of the pipeline has this name"));
        }
    }

    private static void reasons(Validation v, String field, List<String> reasons) {
        List<String> seen = new ArrayList<>();
        for (String r : orEmpty(reasons)) {
            v.text(r, field, true, 100);
            v.check(r == null || !seen.contains(r.trim()), field, "\"" + r + "\" is there twice");
            if (r != null) {
                seen.add(r.trim());
            }
        }
    }

    private static String outcome(String outcome) {
        if (!"WON".equals(outcome) && !"LOST".equals(outcome)) {
            throw new UserErrorException(UserError.validation("input.outcome", "must be WON or LOST"));
        }
        return outcome;
    }

    private static String stageField(int index, int openStages) {
        if (index < openStages) {
            return "input.stages[" + index + "].name";
        }
        return index == openStages ? "input.wonStageName" : "input.lostStageName";
    }

    private static boolean same(String a, String b) {
        return a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The pipeline after a change: the cached stages are forgotten, and the change is an event. */
    private PipelineRow changed(UUID id, String what) {
        pipelines.forget();
        PipelineRow p = pipelines.pipeline(id).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("pipelineId", id.toString());
        payload.put("name", p.name());
        payload.put("version", p.version());
        payload.put("change", what);
        events.publish(EventTypes.PIPELINE_CHANGED, "Pipeline", id, payload);
        return p;
    }
}

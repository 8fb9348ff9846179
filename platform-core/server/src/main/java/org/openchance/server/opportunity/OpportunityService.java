package org.openchance.server.opportunity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.api.rules.CloseAttempt;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.opportunity.OpportunityInputs.AddTeamMemberInput;
import org.openchance.server.opportunity.OpportunityInputs.CloseOpportunityInput;
import org.openchance.server.opportunity.OpportunityInputs.CreateOpportunityInput;
import org.openchance.server.opportunity.OpportunityInputs.MoveOpportunityStageInput;
import org.openchance.server.opportunity.OpportunityInputs.RemoveTeamMemberInput;
import org.openchance.server.opportunity.OpportunityInputs.ReopenOpportunityInput;
import org.openchance.server.opportunity.OpportunityInputs.UpdateOpportunityInput;
import org.openchance.server.opportunity.OpportunityInputs.VersionedInput;
import org.openchance.server.pipeline.Pipelines;
import org.openchance.server.pipeline.StageRules;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.opportunity.HistoryRepository;
import org.openchance.store.opportunity.HistoryRow;
import org.openchance.store.opportunity.OpportunityContactRepository;
import org.openchance.store.opportunity.OpportunityContactRow;
import org.openchance.store.opportunity.OpportunityRepository;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.opportunity.OpportunityStatus;
import org.openchance.store.opportunity.TeamMemberRepository;
import org.openchance.store.opportunity.TeamMemberRow;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.pipeline.StageRow;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of an opportunity: validated, version-checked, recorded in the history, in one transaction. A
 * failure throws {@link UserErrorException}, which rolls the whole transaction back.
 */
@Service
public class OpportunityService {

    static final String TYPE = "Opportunity";

    private final OpportunityRepository opportunities;
    private final VisibleAccounts accounts;
    private final UserRepository users;
    private final TeamMemberRepository team;
    private final OpportunityContactRepository opportunityContacts;
    private final HistoryRepository historyRows;
    private final Pipelines pipelines;
    private final History history;
    private final CurrentUser currentUser;
    private final VisibleOpportunities visible;
    private final DomainEvents events;
    private final CloseChecks closeChecks;

    OpportunityService(
            OpportunityRepository opportunities,
            VisibleAccounts accounts,
            UserRepository users,
            TeamMemberRepository team,
            OpportunityContactRepository opportunityContacts,
            HistoryRepository historyRows,
            Pipelines pipelines,
            History history,
            CurrentUser currentUser,
            VisibleOpportunities visible,
            DomainEvents events,
            CloseChecks closeChecks) {
        this.opportunities = opportunities;
        this.accounts = accounts;
        this.users = users;
        this.team = team;
        this.opportunityContacts = opportunityContacts;
        this.historyRows = historyRows;
        this.pipelines = pipelines;
        this.history = history;
        this.currentUser = currentUser;
        this.visible = visible;
        this.events = events;
        this.closeChecks = closeChecks;
    }

    @Transactional
    public OpportunityRow create(CreateOpportunityInput in) {
        Validation v = new Validation()
                .text(in.name(), "input.name", true, 200)
                .text(in.description(), "input.description", false, 20_000);
        money(v, in.amount(), "input.amount");
        money(v, in.budget(), "input.budget");
        probability(v, in.probability());
        competitorCount(v, in.competitorCount());
        UUID account = GlobalId.decode(in.accountId(), "Account")
                .flatMap(accounts::live)
                .map(a -> a.id())
                .orElse(null);
        if (account == null) {
            v.add(UserError.notFound("input.accountId", "Account"));
        }
        PipelineRow pipeline = in.pipelineId() == null
                ? pipelines.defaultPipeline()
                : GlobalId.decode(in.pipelineId(), "Pipeline")
                        .flatMap(pipelines::pipeline)
                        .orElse(null);
        StageRow stage = null;
        if (pipeline == null) {
            v.add(UserError.notFound("input.pipelineId", "Pipeline"));
        } else if (pipeline.archived()) {
            v.add(UserError.validation("input.pipelineId", "is archived: new opportunities go into another"));
        } else if (in.stageId() == null) {
            stage = pipelines.stagesOf(pipeline.id()).get(0);
        } else {
            stage = stageOf(pipeline, in.stageId(), "input.stageId", v);
            v.check(
                    stage == null || !stage.closed(),
                    "input.stageId",
                    "must be an open stage: create the opportunity, then close it");
        }
        UUID owner = in.ownerId() != null
                ? activeUser(in.ownerId(), "input.ownerId", v)
                : currentUser.id().orElse(null);
        v.check(in.ownerId() != null || owner != null, "input.ownerId", "is required (no current user is configured)");
        v.orThrow();

        Instant now = Instant.now();
        OpportunityRow.Builder row = new OpportunityRow.Builder()
                .id(UUID.randomUUID())
                .name(in.name().trim())
                .accountId(account)
                .description(in.description())
                .pipelineId(pipeline.id())
                .stage(stage.id(), now)
                .forecastCategory(stage.forecastCategory())
                .status(OpportunityStatus.OPEN)
                .ownerId(owner)
                .expectedCloseDate(in.expectedCloseDate())
                .probability(
                        in.probability() != null ? in.probability() : stage.defaultProbability(),
                        in.probability() != null);
        if (in.amount() != null) {
            row.amount(in.amount().amount(), in.amount().currency());
        }
        if (in.budget() != null) {
            row.budget(in.budget().amount(), in.budget().currency());
        }
        row.competitorCount(in.competitorCount()).resources(in.resourceAvailability(), in.resourcesAvailableFrom());
        OpportunityRow created = opportunities.save(row.build());
        events.publish(EventTypes.OPPORTUNITY_CREATED, TYPE, created.id(), summary(created, List.of()));
        return created;
    }

    @Transactional
    public OpportunityRow update(UpdateOpportunityInput in) {
        OpportunityRow current = live(in.id(), in.expectedVersion());
        Validation v = new Validation().text(in.description(), "input.description", false, 20_000);
        if (in.name() != null) {
            v.text(in.name(), "input.name", true, 200);
        }
        money(v, in.amount(), "input.amount");
        money(v, in.budget(), "input.budget");
        probability(v, in.probability());
        competitorCount(v, in.competitorCount());
        UUID owner = in.ownerId() == null ? current.ownerId() : activeUser(in.ownerId(), "input.ownerId", v);
        v.orThrow();
        boolean dealFieldsChange = in.amount() != null
                || in.budget() != null
                || in.probability() != null
                || in.expectedCloseDate() != null;
        if (current.status() != OpportunityStatus.OPEN && dealFieldsChange) {
            throw new UserErrorException(new UserError(
                    UserError.INVALID_TRANSITION,
                    "the opportunity is " + current.status()
                            + ": reopen it to change amount, budget, probability or close date",
                    null));
        }
        OpportunityRow.Builder next = current.toBuilder().ownerId(owner);
        if (in.name() != null) {
            next.name(in.name().trim());
        }
        if (in.description() != null) {
            next.description(in.description());
        }
        if (in.amount() != null) {
            next.amount(in.amount().amount(), in.amount().currency());
        }
        if (in.budget() != null) {
            next.budget(in.budget().amount(), in.budget().currency());
        }
        if (in.probability() != null) {
            next.probability(in.probability(), true); // set by hand: kept across the next stage move
        }
        if (in.expectedCloseDate() != null) {
            next.expectedCloseDate(in.expectedCloseDate());
        }
        if (in.competitorCount() != null) {
            next.competitorCount(in.competitorCount());
        }
        if (in.resourceAvailability() != null || in.resourcesAvailableFrom() != null) {
            next.resources(
                    in.resourceAvailability() != null ? in.resourceAvailability() : current.resourceAvailability(),
                    in.resourcesAvailableFrom() != null
                            ? in.resourcesAvailableFrom()
                            : current.resourcesAvailableFrom());
        }
        return save(current, next.build());
    }

    /**
     * A plugin keeping {@code competitorCount} in step with the competitors it records: the caller needs edit access
     * (the system has it); no change, no write.
     */
    @Transactional
    public void setCompetitorCount(UUID id, int count) {
        if (count < 0 || count > 100) {
            throw new UserErrorException(
                    new UserError(UserError.VALIDATION, "must be between 0 and 100", "competitorCount"));
        }
        visible.requireEdit(id, "id", "the opportunity", "you may read this opportunity, not change it");
        OpportunityRow current = opportunities.findById(id).orElse(null);
        if (current == null
                || current.deletedAt() != null
                || Integer.valueOf(count).equals(current.competitorCount())) {
            return;
        }
        save(current, current.toBuilder().competitorCount(count).build());
    }

    /**
     * The amount agreed with the customer (a plugin's accepted quote): set as {@link #update} sets it and, when
     * {@code closeWon}, the deal closed as won, in one transaction: both or neither.
     */
    @Transactional
    public OpportunityRow agreeAmount(UUID id, MoneyInput amount, boolean closeWon, String note) {
        String apiId = GlobalId.of(TYPE, id);
        OpportunityRow updated = update(
                new UpdateOpportunityInput(apiId, null, null, null, amount, null, null, null, null, null, null, null));
        if (!closeWon) {
            return updated;
        }
        return close(new CloseOpportunityInput(apiId, null, "WON", null, List.of(), null, note));
    }

    @Transactional
    public OpportunityRow move(MoveOpportunityStageInput in) {
        OpportunityRow current = live(in.id(), in.expectedVersion());
        requireOpen(current, "move");
        Validation v = new Validation();
        StageRow stage =
                stageOf(pipelines.pipeline(current.pipelineId()).orElseThrow(), in.stageId(), "input.stageId", v);
        v.orThrow();
        if (stage.closed()) {
            throw new UserErrorException(new UserError(
                    UserError.INVALID_TRANSITION, "use closeOpportunity to move into a closed stage", "input.stageId"));
        }
        if (stage.id().equals(current.stageId())) {
            return current;
        }
        requireStageFields(current, stage);
        return save(current, intoOpenStage(current, stage).build());
    }

    /**
     * An open deal entering an open stage: the stage's forecast category, and its default probability unless the
     * deal's was set by hand since the last stage change. A new stage starts a new period: the next move sets the
     * stage default again.
     */
    private static OpportunityRow.Builder intoOpenStage(OpportunityRow current, StageRow stage) {
        int probability = current.probabilityManual() ? current.probability() : stage.defaultProbability();
        return current.toBuilder()
                .stage(stage.id(), Instant.now())
                .forecastCategory(stage.forecastCategory())
                .probability(probability, false);
    }

    /**
     * Moves a deal into another pipeline: an open one into the stage given (default: the first) under that stage's
     * rules, a closed one into the pipeline's won or lost stage. The history keeps the pipeline and stage it left.
     */
    @Transactional
    public OpportunityRow moveToPipeline(OpportunityInputs.MoveOpportunityToPipelineInput in) {
        OpportunityRow current = live(in.id(), in.expectedVersion());
        Validation v = new Validation();
        PipelineRow target = GlobalId.decode(in.pipelineId(), "Pipeline")
                .flatMap(pipelines::pipeline)
                .orElse(null);
        if (target == null) {
            throw new UserErrorException(UserError.notFound("input.pipelineId", "Pipeline"));
        }
        v.check(!target.archived(), "input.pipelineId", "is archived");
        v.check(!target.id().equals(current.pipelineId()), "input.pipelineId", "is the pipeline it is in");
        StageRow stage;
        boolean open = current.status() == OpportunityStatus.OPEN;
        if (!open) {
            boolean won = current.status() == OpportunityStatus.WON;
            stage = pipelines.stagesOf(target.id()).stream()
                    .filter(s -> s.closed() && s.won() == won)
                    .findFirst()
                    .orElseThrow();
            v.check(in.stageId() == null, "input.stageId", "a closed deal goes into the pipeline's closed stage");
        } else if (in.stageId() == null) {
            stage = pipelines.stagesOf(target.id()).get(0);
        } else {
            stage = stageOf(target, in.stageId(), "input.stageId", v);
            v.check(stage == null || !stage.closed(), "input.stageId", "must be an open stage: close it afterwards");
        }
        v.orThrow();
        if (open) {
            requireStageFields(current, stage);
        }
        OpportunityRow.Builder moved =
                open ? intoOpenStage(current, stage) : current.toBuilder().stage(stage.id(), Instant.now());
        return save(current, moved.pipelineId(target.id()).build());
    }

    @Transactional
    public OpportunityRow close(CloseOpportunityInput in) {
        OpportunityRow current = live(in.id(), in.expectedVersion());
        requireOpen(current, "close");
        boolean won = "WON".equals(in.outcome());
        List<String> allowed = pipelines.closeReasons(current.pipelineId(), in.outcome());
        List<String> reasons = in.reasons() == null
                ? List.of()
                : in.reasons().stream().map(String::trim).distinct().toList();
        Validation v = new Validation()
                .text(in.note(), "input.note", false, 20_000)
                .text(in.winningCompetitorId(), "input.winningCompetitorId", false, 200);
        PipelineRow pipeline = pipelines.pipeline(current.pipelineId()).orElseThrow();
        v.check(
                won || !reasons.isEmpty() || !pipeline.lostRequiresReason(),
                "input.reasons",
                "at least one reason is required for a lost opportunity");
        v.check(
                won || in.winningCompetitorId() != null || !pipeline.lostRequiresCompetitor(),
                "input.winningCompetitorId",
                "the pipeline " + pipeline.name() + " asks who won a lost deal");
        for (String reason : reasons) {
            v.check(
                    allowed.contains(reason),
                    "input.reasons",
                    "unknown reason \"" + reason + "\"; allowed: " + allowed);
        }
        LocalDate closedAt = in.closedAt() != null ? in.closedAt() : LocalDate.now();
        v.check(!closedAt.isAfter(LocalDate.now().plusDays(1)), "input.closedAt", "must not be in the future");
        v.check(!won || in.winningCompetitorId() == null, "input.winningCompetitorId", "only for lost opportunities");
        StageRow closedStage = pipelines.stagesOf(current.pipelineId()).stream()
                .filter(s -> s.closed() && s.won() == won)
                .findFirst()
                .orElse(null);
        v.check(closedStage != null, "input.outcome", "the pipeline has no " + in.outcome() + " stage");
        v.orThrow();
        requireStageFields(current, closedStage);
        List<UserError> refused =
                closeChecks.problems(new CloseAttempt(current.id(), in.outcome(), reasons, in.winningCompetitorId()));
        if (!refused.isEmpty()) {
            throw new UserErrorException(refused);
        }
        return save(
                current,
                current.toBuilder()
                        .stage(closedStage.id(), Instant.now())
                        .forecastCategory(closedStage.forecastCategory())
                        .status(won ? OpportunityStatus.WON : OpportunityStatus.LOST)
                        .probability(won ? 100 : 0, false)
                        .close(
                                closedAt,
                                reasons.toArray(String[]::new),
                                in.winningCompetitorId(),
                                in.note(),
                                won ? null : current.stageId())
                        .build());
    }

    @Transactional
    public OpportunityRow reopen(ReopenOpportunityInput in) {
        OpportunityRow current = live(in.id(), in.expectedVersion());
        if (current.status() == OpportunityStatus.OPEN) {
            throw new UserErrorException(new UserError(UserError.INVALID_TRANSITION, "the opportunity is open", null));
        }
        Validation v = new Validation();
        StageRow stage;
        if (in.stageId() != null) {
            stage = stageOf(pipelines.pipeline(current.pipelineId()).orElseThrow(), in.stageId(), "input.stageId", v);
            v.check(stage == null || !stage.closed(), "input.stageId", "must be an open stage");
        } else {
            // the stage it was in, unless that was removed since: then the pipeline's first
            stage = pipelines
                    .stage(stageBeforeClosing(current))
                    .filter(StageRow::live)
                    .orElseGet(() -> pipelines.stagesOf(current.pipelineId()).get(0));
        }
        v.orThrow();
        return save(
                current,
                current.toBuilder()
                        .stage(stage.id(), Instant.now())
                        .forecastCategory(stage.forecastCategory())
                        .status(OpportunityStatus.OPEN)
                        .probability(stage.defaultProbability(), false)
                        .close(null, new String[0], null, null, null)
                        .build());
    }

    @Transactional
    public OpportunityRow delete(VersionedInput in) {
        OpportunityRow current = live(in.id(), in.expectedVersion());
        return save(current, current.toBuilder().deletedAt(Instant.now()).build());
    }

    @Transactional
    public OpportunityRow restore(VersionedInput in) {
        OpportunityRow current = GlobalId.decode(in.id(), TYPE)
                .flatMap(opportunities::findById)
                .filter(o -> o.deletedAt() != null)
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.id", "Deleted opportunity")));
        requireEdit(current, "input.id");
        requireVersion(current, in.expectedVersion());
        return save(current, current.toBuilder().deletedAt(null).build());
    }

    @Transactional
    public OpportunityRow addTeamMember(AddTeamMemberInput in) {
        OpportunityRow opportunity = live(in.opportunityId(), null, "input.opportunityId");
        Validation v = new Validation().text(in.role(), "input.role", true, 100);
        UUID user = activeUser(in.userId(), "input.userId", v);
        v.orThrow();
        TeamMemberRow.Key key = new TeamMemberRow.Key(opportunity.id(), user);
        if (team.existsById(key)) {
            throw new UserErrorException(UserError.validation("input.userId", "is already on the team"));
        }
        team.save(new TeamMemberRow(key, in.role().trim(), in.access() == null ? "EDIT" : in.access(), null));
        return touch(opportunity, "team");
    }

    @Transactional
    public OpportunityRow addContact(OpportunityInputs.AddOpportunityContactInput in) {
        OpportunityRow opportunity = live(in.opportunityId(), null, "input.opportunityId");
        Validation v = new Validation().text(in.role(), "input.role", true, 100);
        UUID contact = GlobalId.decode(in.contactId(), "Contact")
                .flatMap(accounts::liveContact) // only a contact one may read: linking it would show it
                .map(c -> c.id())
                .orElse(null);
        if (contact == null) {
            v.add(UserError.notFound("input.contactId", "Contact"));
        }
        v.orThrow();
        OpportunityContactRow.Key key = new OpportunityContactRow.Key(opportunity.id(), contact);
        if (opportunityContacts.existsById(key)) {
            throw new UserErrorException(
                    UserError.validation("input.contactId", "is already a contact of this opportunity"));
        }
        opportunityContacts.save(new OpportunityContactRow(key, in.role().trim()));
        return touch(opportunity, Map.of("field", "contacts", "contactId", contact.toString()));
    }

    @Transactional
    public OpportunityRow removeContact(OpportunityInputs.RemoveOpportunityContactInput in) {
        OpportunityRow opportunity = live(in.opportunityId(), null, "input.opportunityId");
        OpportunityContactRow.Key key = GlobalId.decode(in.contactId(), "Contact")
                .map(c -> new OpportunityContactRow.Key(opportunity.id(), c))
                .filter(opportunityContacts::existsById)
                .orElseThrow(() ->
                        new UserErrorException(UserError.notFound("input.contactId", "Contact of this opportunity")));
        opportunityContacts.deleteById(key);
        return touch(
                opportunity,
                Map.of("field", "contacts", "contactId", key.contactId().toString()));
    }

    @Transactional
    public OpportunityRow removeTeamMember(RemoveTeamMemberInput in) {
        OpportunityRow opportunity = live(in.opportunityId(), null, "input.opportunityId");
        TeamMemberRow.Key key = GlobalId.decode(in.userId(), "User")
                .map(u -> new TeamMemberRow.Key(opportunity.id(), u))
                .filter(team::existsById)
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.userId", "Team member")));
        team.deleteById(key);
        return touch(opportunity, "team");
    }

    /** Team and contact changes are changes of the opportunity: a new version, so that other editors notice. */
    private OpportunityRow touch(OpportunityRow opportunity, String what) {
        return touch(opportunity, Map.of("field", what));
    }

    /** Saves the opportunity (a new version) and tells the listeners what changed ({@code field}, and details). */
    private OpportunityRow touch(OpportunityRow opportunity, Map<String, Object> change) {
        OpportunityRow saved = opportunities.update(opportunity);
        events.publish(EventTypes.OPPORTUNITY_UPDATED, TYPE, saved.id(), summary(saved, List.of(change)));
        return saved;
    }

    private OpportunityRow save(OpportunityRow before, OpportunityRow after) {
        OpportunityRow saved = opportunities.update(after);
        List<HistoryRow> changes =
                history.record(before, saved, currentUser.id().orElse(null), Instant.now());
        List<Map<String, Object>> changed = new ArrayList<>();
        for (HistoryRow change : changes) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("field", change.field());
            c.put("oldValue", change.oldValue());
            c.put("newValue", change.newValue());
            changed.add(c);
        }
        if (!Objects.equals(before.description(), saved.description())
                || !before.name().equals(saved.name())
                || !Objects.equals(before.budget(), saved.budget())
                || !Objects.equals(before.competitorCount(), saved.competitorCount())
                || !Objects.equals(before.resourceAvailability(), saved.resourceAvailability())
                || !Objects.equals(before.resourcesAvailableFrom(), saved.resourcesAvailableFrom())) {
            changed.add(Map.of("field", "details"));
        }
        events.publish(eventType(before, saved), TYPE, saved.id(), summary(saved, changed));
        return saved;
    }

    /** The most telling name for a change: closed and reopened, deleted and restored, stage moves, else updated. */
    private static String eventType(OpportunityRow before, OpportunityRow after) {
        if ((before.deletedAt() == null) != (after.deletedAt() == null)) {
            return after.deletedAt() != null ? EventTypes.OPPORTUNITY_DELETED : EventTypes.OPPORTUNITY_RESTORED;
        }
        if (before.status() != after.status()) {
            return after.status() == OpportunityStatus.OPEN
                    ? EventTypes.OPPORTUNITY_REOPENED
                    : after.status() == OpportunityStatus.WON
                            ? EventTypes.OPPORTUNITY_CLOSED_WON
                            : EventTypes.OPPORTUNITY_CLOSED_LOST;
        }
        return before.stageId().equals(after.stageId())
                ? EventTypes.OPPORTUNITY_UPDATED
                : EventTypes.OPPORTUNITY_STAGE_CHANGED;
    }

    private static Map<String, Object> summary(OpportunityRow o, List<? extends Map<String, ?>> changes) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("opportunityId", o.id().toString());
        payload.put("name", o.name());
        payload.put("status", o.status());
        payload.put("stageId", o.stageId().toString());
        payload.put("version", o.version());
        payload.put("changes", changes);
        return payload;
    }

    /** The stage an opportunity was in before it was closed: from the history, else the pipeline's first. */
    private UUID stageBeforeClosing(OpportunityRow closed) {
        if (closed.lostAtStageId() != null) {
            return closed.lostAtStageId();
        }
        return historyRows
                .findLastStageChange(closed.id())
                .map(h -> UUID.fromString(h.oldValue()))
                .orElse(pipelines.stagesOf(closed.pipelineId()).get(0).id());
    }

    /**
     * A live (not deleted) opportunity the current user may change, by its API id: NOT_FOUND on {@code field} if they
     * may not see it, FORBIDDEN if only read.
     */
    public OpportunityRow live(String id, String field) {
        return live(id, null, field);
    }

    private OpportunityRow live(String id, Integer expectedVersion) {
        return live(id, expectedVersion, "input.id");
    }

    /** The live opportunity the current user may change: NOT_FOUND if they may not see it, FORBIDDEN if only read. */
    private OpportunityRow live(String id, Integer expectedVersion, String field) {
        OpportunityRow row = GlobalId.decode(id, TYPE)
                .flatMap(opportunities::findById)
                .filter(o -> o.deletedAt() == null)
                .orElseThrow(() -> new UserErrorException(UserError.notFound(field, "Opportunity")));
        requireEdit(row, field);
        if (expectedVersion != null) {
            requireVersion(row, expectedVersion);
        }
        return row;
    }

    private void requireEdit(OpportunityRow row, String field) {
        visible.requireEdit(row.id(), field, "Opportunity", "you may read this opportunity but not change it");
    }

    private static void requireVersion(OpportunityRow row, Integer expected) {
        if (!Objects.equals(row.version(), expected)) {
            throw new UserErrorException(new UserError(
                    UserError.VERSION_CONFLICT,
                    "the opportunity is at version " + row.version() + ", not " + expected + ": reload and try again",
                    "input.expectedVersion"));
        }
    }

    private static void requireOpen(OpportunityRow row, String action) {
        if (row.status() != OpportunityStatus.OPEN) {
            throw new UserErrorException(new UserError(
                    UserError.INVALID_TRANSITION,
                    "cannot " + action + " an opportunity that is " + row.status() + ": reopen it first",
                    null));
        }
    }

    /**
     * The stage's rules: a VALIDATION error for each field the deal needs before entering it (field: the deal's
     * field name), nothing written.
     */
    private void requireStageFields(OpportunityRow deal, StageRow stage) {
        boolean hasContacts = StageRules.needsContacts(stage)
                && !opportunityContacts
                        .findByKeyOpportunityIdIn(List.of(deal.id()))
                        .isEmpty();
        List<UserError> missing = StageRules.missing(stage, deal, hasContacts).stream()
                .map(field -> UserError.validation(field, "is needed before the opportunity enters " + stage.name()))
                .toList();
        if (!missing.isEmpty()) {
            throw new UserErrorException(missing);
        }
    }

    /**
     * Moves a deal (open, closed or deleted) out of a stage that is being removed, into an open stage of the same
     * pipeline: history and event as any stage change; an open deal takes the new stage's probability unless it was
     * set by hand. No stage rules: the administrator's change of the process must not depend on each deal.
     */
    public OpportunityRow moveForConfiguration(UUID id, StageRow target) {
        OpportunityRow current = opportunities.findById(id).orElseThrow();
        OpportunityRow.Builder moved = current.status() == OpportunityStatus.OPEN
                ? intoOpenStage(current, target)
                : current.toBuilder().stage(target.id(), Instant.now());
        return save(current, moved.build());
    }

    private StageRow stageOf(PipelineRow pipeline, String stageId, String field, Validation v) {
        StageRow stage = GlobalId.decode(stageId, "Stage")
                .flatMap(pipelines::stage)
                .filter(s -> s.pipelineId().equals(pipeline.id()) && s.live())
                .orElse(null);
        if (stage == null) {
            v.add(UserError.notFound(field, "Stage of pipeline " + pipeline.name()));
        }
        return stage;
    }

    private UUID activeUser(String id, String field, Validation v) {
        UUID user = GlobalId.decode(id, "User")
                .flatMap(users::findById)
                .filter(UserRow::active)
                .map(UserRow::id)
                .orElse(null);
        if (user == null) {
            v.add(UserError.notFound(field, "Active user"));
        }
        return user;
    }

    private static void money(Validation v, MoneyInput money, String field) {
        if (money != null) {
            v.money(money.amount(), money.currency(), field);
        }
    }

    private static void probability(Validation v, Integer probability) {
        v.check(
                probability == null || (probability >= 0 && probability <= 100),
                "input.probability",
                "must be between 0 and 100");
    }

    private static void competitorCount(Validation v, Integer count) {
        v.check(count == null || (count >= 0 && count <= 100), "input.competitorCount", "must be between 0 and 100");
    }
}

package org.openchance.server.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.StageChange;
import org.openchance.api.model.TeamMemberSnapshot;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.pipeline.Pipelines;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.opportunity.HistoryRepository;
import org.openchance.store.opportunity.HistoryRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.opportunity.TeamMemberRepository;
import org.openchance.store.opportunity.TeamMemberRow;
import org.openchance.store.pipeline.StageRow;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.stereotype.Component;

/** Opportunities as plugins see them: immutable snapshots with their account's facts, team, close and stage history. */
@Component
public class Snapshots {

    private final AccountRepository accounts;
    private final TeamMemberRepository team;
    private final UserRepository users;
    private final HistoryRepository history;
    private final Pipelines pipelines;

    Snapshots(
            AccountRepository accounts,
            TeamMemberRepository team,
            UserRepository users,
            HistoryRepository history,
            Pipelines pipelines) {
        this.accounts = accounts;
        this.team = team;
        this.users = users;
        this.history = history;
        this.pipelines = pipelines;
    }

    /** Snapshots of a page of opportunities in four statements (accounts, teams, their users, stage changes). */
    public Map<OpportunityRow, OpportunitySnapshot> of(List<OpportunityRow> list) {
        List<UUID> ids = list.stream().map(OpportunityRow::id).toList();
        Map<UUID, AccountRow> byAccount =
                accounts
                        .findByIdIn(list.stream()
                                .map(OpportunityRow::accountId)
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(AccountRow::id, Function.identity()));
        List<TeamMemberRow> members = team.findByKeyOpportunityIdInOrderByAddedAt(ids);
        Map<UUID, List<TeamMemberRow>> teamOf =
                members.stream().collect(Collectors.groupingBy(m -> m.key().opportunityId()));
        Map<UUID, UserKind> kinds = members.isEmpty()
                ? Map.of()
                : users
                        .findByIdIn(members.stream()
                                .map(m -> m.key().userId())
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(UserRow::id, UserRow::kind));
        Map<UUID, List<HistoryRow>> stageChangesOf =
                history.findByOpportunityIdInAndFieldOrderByIdAsc(ids, "stage").stream()
                        .collect(Collectors.groupingBy(HistoryRow::opportunityId));
        Map<UUID, String> stages = new HashMap<>();
        for (StageRow stage : pipelines.stages()) {
            stages.put(stage.id(), stage.name());
        }
        Map<OpportunityRow, OpportunitySnapshot> snapshots = new HashMap<>();
        for (OpportunityRow o : list) {
            AccountRow account = byAccount.get(o.accountId());
            List<TeamMemberSnapshot> own = teamOf.getOrDefault(o.id(), List.of()).stream()
                    .map(m -> TeamMemberSnapshot.of(
                            m.key().userId(),
                            kinds.get(m.key().userId()) == UserKind.PARTNER
                                    ? TeamMemberSnapshot.Kind.PARTNER
                                    : TeamMemberSnapshot.Kind.EMPLOYEE,
                            m.role()))
                    .toList();
            snapshots.put(
                    o,
                    OpportunitySnapshot.builder()
                            .id(o.id())
                            .name(o.name())
                            .accountId(o.accountId())
                            .accountName(account == null ? null : account.name())
                            .industry(account == null ? null : account.industry())
                            .accountEmployees(account == null ? null : account.employeeCount())
                            .amount(MoneyInput.output(o.amount(), o.amountCurrency()))
                            .budget(MoneyInput.output(o.budget(), o.budgetCurrency()))
                            .probability(o.probability())
                            .expectedCloseDate(o.expectedCloseDate())
                            .pipelineId(o.pipelineId())
                            .stageId(o.stageId())
                            .stage(stages.get(o.stageId()))
                            .forecastCategory(o.forecastCategory())
                            .status(o.status().name())
                            .ownerId(o.ownerId())
                            .createdAt(o.createdAt())
                            .closedAt(o.closedAt())
                            .closeReasons(List.of(o.closeReasons()))
                            .lostAtStageId(o.lostAtStageId())
                            .winningCompetitorId(o.winningCompetitorId())
                            .team(own)
                            .competitorCount(o.competitorCount())
                            .resourceAvailability(o.resourceAvailability())
                            .resourcesAvailableFrom(o.resourcesAvailableFrom())
                            .stageHistory(stageHistory(o, stageChangesOf.getOrDefault(o.id(), List.of())))
                            .build());
        }
        return snapshots;
    }

    /**
     * The stages the opportunity entered, oldest first: the one it was created in (the first change's old value, or
     * the current stage when it never moved) at its creation, then each change's new value at its time.
     */
    private static List<StageChange> stageHistory(OpportunityRow o, List<HistoryRow> changes) {
        List<StageChange> entered = new ArrayList<>();
        String first =
                changes.isEmpty() ? o.stageId().toString() : changes.get(0).oldValue();
        if (first != null && o.createdAt() != null) {
            entered.add(StageChange.of(UUID.fromString(first), o.createdAt()));
        }
        for (HistoryRow change : changes) {
            if (change.newValue() != null) {
                entered.add(StageChange.of(UUID.fromString(change.newValue()), change.changedAt()));
            }
        }
        return entered;
    }
}

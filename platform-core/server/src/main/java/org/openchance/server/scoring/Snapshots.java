package org.openchance.server.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.api.scoring.OpportunitySnapshot;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.pipeline.Pipelines;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.opportunity.TeamMemberRepository;
import org.openchance.store.opportunity.TeamMemberRow;
import org.openchance.store.pipeline.StageRow;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.stereotype.Component;

/** Opportunities as plugins see them: immutable snapshots with what scoring reads from account and team. */
@Component
public class Snapshots {

    private final AccountRepository accounts;
    private final TeamMemberRepository team;
    private final UserRepository users;
    private final Pipelines pipelines;

    Snapshots(AccountRepository accounts, TeamMemberRepository team, UserRepository users, Pipelines pipelines) {
        this.accounts = accounts;
        this.team = team;
        this.users = users;
        this.pipelines = pipelines;
    }

    /** Snapshots of a page of opportunities in three statements (accounts, teams, their users). */
    public Map<OpportunityRow, OpportunitySnapshot> of(List<OpportunityRow> list) {
        Map<UUID, AccountRow> byAccount = accounts.findByIdIn(list.stream().map(OpportunityRow::accountId).distinct().toList())
                .stream().collect(Collectors.toMap(AccountRow::id, Function.identity()));
        List<TeamMemberRow> members = team.findByKeyOpportunityIdInOrderByAddedAt(list.stream().map(OpportunityRow::id).toList());
        Map<UUID, List<TeamMemberRow>> teamOf = members.stream().collect(Collectors.groupingBy(m -> m.key().opportunityId()));
        Set<UUID> partners = members.isEmpty() ? Set.of()
                : users.findByIdIn(members.stream().map(m -> m.key().userId()).distinct().toList()).stream()
                        .filter(u -> u.kind() == UserKind.PARTNER).map(UserRow::id).collect(Collectors.toSet());
        Map<UUID, String> stages = new HashMap<>();
        for (StageRow stage : pipelines.stages()) {
            stages.put(stage.id(), stage.name());
        }
        Map<OpportunityRow, OpportunitySnapshot> snapshots = new HashMap<>();
        for (OpportunityRow o : list) {
            AccountRow account = byAccount.get(o.accountId());
            List<TeamMemberRow> own = teamOf.getOrDefault(o.id(), List.of());
            snapshots.put(o, new OpportunitySnapshot(o.id(), o.name(), o.accountId(), MoneyInput.output(o.amount(), o.amountCurrency()),
                    MoneyInput.output(o.budget(), o.budgetCurrency()), o.probability(), o.expectedCloseDate(),
                    stages.get(o.stageId()), o.status(), account == null ? null : account.name(),
                    account == null ? null : account.industry(), account == null ? null : account.employeeCount(),
                    own.size(), own.stream().anyMatch(m -> partners.contains(m.key().userId())), o.competitorCount(),
                    o.resourceAvailability(), o.resourcesAvailableFrom()));
        }
        return snapshots;
    }
}

package org.openchance.server.scoring;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.api.scoring.Contribution;
import org.openchance.api.scoring.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.DateTimes;
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
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Scores from the scoring plugins, computed when asked (stored scores and history come with the scoring plugins).
 * Each call into a plugin goes through the registry's guard; a failing plugin costs its own score only.
 */
@Controller
class ScoreController {

    record ScoreView(double value, String strategy, OffsetDateTime computedAt, List<Contribution> contributions) {
    }

    record StrategyInfo(String id, String name, String plugin) {
    }

    private final PluginRegistry registry;
    private final AccountRepository accounts;
    private final TeamMemberRepository team;
    private final UserRepository users;
    private final Pipelines pipelines;

    ScoreController(PluginRegistry registry, AccountRepository accounts, TeamMemberRepository team,
                    UserRepository users, Pipelines pipelines) {
        this.registry = registry;
        this.accounts = accounts;
        this.team = team;
        this.users = users;
        this.pipelines = pipelines;
    }

    @QueryMapping
    List<StrategyInfo> scoringStrategies() {
        return registry.scoringStrategies().stream()
                .map(s -> new StrategyInfo(s.strategy().id(), s.strategy().name(), s.pluginId())).toList();
    }

    @BatchMapping(typeName = "Opportunity", field = "scores")
    Map<OpportunityRow, DataFetcherResult<List<ScoreView>>> scores(List<OpportunityRow> list) {
        return score(list, registry.scoringStrategies(), results -> results);
    }

    @BatchMapping(typeName = "Opportunity", field = "score")
    Map<OpportunityRow, DataFetcherResult<ScoreView>> score(List<OpportunityRow> list) {
        List<PluginRegistry.Strategy> strategies = registry.scoringStrategies();
        return score(list, strategies.isEmpty() ? List.of() : strategies.subList(0, 1),
                results -> results.isEmpty() ? null : results.get(0));
    }

    private <T> Map<OpportunityRow, DataFetcherResult<T>> score(List<OpportunityRow> list,
            List<PluginRegistry.Strategy> strategies, Function<List<ScoreView>, T> shape) {
        Map<OpportunityRow, OpportunitySnapshot> snapshots = strategies.isEmpty() ? Map.of() : snapshots(list);
        Map<OpportunityRow, DataFetcherResult<T>> results = new LinkedHashMap<>();
        for (OpportunityRow o : list) {
            List<ScoreView> scores = new ArrayList<>();
            DataFetcherResult.Builder<T> result = DataFetcherResult.newResult();
            for (PluginRegistry.Strategy s : strategies) {
                try {
                    Score score = registry.call(s.pluginId(), () -> s.strategy().score(snapshots.get(o)));
                    scores.add(new ScoreView(score.value(), s.strategy().id(), DateTimes.utc(Instant.now()),
                            score.contributions()));
                } catch (PluginCallException e) {
                    result.error(GraphqlErrorBuilder.newError().message(e.getMessage())
                            .extensions(Map.of("code", "PLUGIN_ERROR", "plugin", e.pluginId())).build());
                }
            }
            results.put(o, result.data(shape.apply(scores)).build());
        }
        return results;
    }

    /** What the strategies read, for a page of opportunities in three statements (accounts, teams, their users). */
    private Map<OpportunityRow, OpportunitySnapshot> snapshots(List<OpportunityRow> list) {
        Map<UUID, AccountRow> byAccount = accounts.findByIdIn(list.stream().map(OpportunityRow::accountId).distinct().toList())
                .stream().collect(Collectors.toMap(AccountRow::id, Function.identity()));
        List<TeamMemberRow> members = team.findByKeyOpportunityIdInOrderByAddedAt(list.stream().map(OpportunityRow::id).toList());
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
            List<TeamMemberRow> own = members.stream().filter(m -> m.key().opportunityId().equals(o.id())).toList();
            snapshots.put(o, new OpportunitySnapshot(o.id(), o.name(), MoneyInput.output(o.amount(), o.amountCurrency()),
                    MoneyInput.output(o.budget(), o.budgetCurrency()), o.probability(), o.expectedCloseDate(),
                    stages.get(o.stageId()), o.status(), account == null ? null : account.name(),
                    account == null ? null : account.industry(), account == null ? null : account.employeeCount(),
                    own.size(), own.stream().anyMatch(m -> partners.contains(m.key().userId()))));
        }
        return snapshots;
    }
}

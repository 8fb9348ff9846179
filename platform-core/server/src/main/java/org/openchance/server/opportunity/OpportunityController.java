package org.openchance.server.opportunity;

import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.openchance.api.model.Money;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.Validation;
import org.openchance.server.money.CurrentRates;
import org.openchance.server.opportunity.OpportunityInputs.AddTeamMemberInput;
import org.openchance.server.opportunity.OpportunityInputs.CloseOpportunityInput;
import org.openchance.server.opportunity.OpportunityInputs.CreateOpportunityInput;
import org.openchance.server.opportunity.OpportunityInputs.MoveOpportunityStageInput;
import org.openchance.server.opportunity.OpportunityInputs.RemoveTeamMemberInput;
import org.openchance.server.opportunity.OpportunityInputs.ReopenOpportunityInput;
import org.openchance.server.opportunity.OpportunityInputs.UpdateOpportunityInput;
import org.openchance.server.opportunity.OpportunityInputs.VersionedInput;
import org.openchance.server.pipeline.Pipelines;
import org.openchance.server.scoring.PipelineStrategies;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountRow;
import org.openchance.store.opportunity.OpportunityAsOf;
import org.openchance.store.opportunity.OpportunityFilter;
import org.openchance.store.opportunity.OpportunityQueries;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.opportunity.OpportunitySort;
import org.openchance.store.opportunity.OpportunityStatus;
import org.openchance.store.opportunity.TeamMemberRepository;
import org.openchance.store.opportunity.TeamMemberRow;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.PageRows;
import org.openchance.store.page.RowsById;
import org.openchance.store.page.SortKey;
import org.openchance.store.pipeline.PipelineRow;
import org.openchance.store.pipeline.StageRow;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class OpportunityController {

    static final String TYPE = OpportunityService.TYPE;

    record OpportunityFilterInput(
            OpportunityStatus status,
            List<String> stageIds,
            List<String> ownerIds,
            String accountId,
            LocalDate closeDateFrom,
            LocalDate closeDateTo,
            java.math.BigDecimal amountMin,
            java.math.BigDecimal amountMax,
            Boolean stalled,
            Boolean deleted) {}

    record OpportunityOrder(String field, String direction) {}

    record OpportunityPayload(OpportunityRow opportunity, List<UserError> errors) {}

    record TeamMember(UserRow user, String role, String access) {}

    record CloseDetails(
            String outcome,
            LocalDate closedAt,
            List<String> reasons,
            String winningCompetitorId,
            StageRow lostAtStage,
            String note) {}

    private final OpportunityService service;
    private final OpportunityQueries queries;
    private final OpportunityAsOf asOfQueries;
    private final TeamMemberRepository team;
    private final Pipelines pipelines;
    private final PipelineStrategies pipelineStrategies;
    private final VisibleOpportunities opportunityRows;
    private final CurrentUser currentUser;
    private final RowsById<AccountRow> accountRows;
    private final RowsById<UserRow> userRows;
    private final CurrentRates rates;

    OpportunityController(
            OpportunityService service,
            OpportunityQueries queries,
            OpportunityAsOf asOfQueries,
            TeamMemberRepository team,
            Pipelines pipelines,
            PipelineStrategies pipelineStrategies,
            VisibleOpportunities opportunityRows,
            CurrentUser currentUser,
            RowsById<AccountRow> accountRows,
            RowsById<UserRow> userRows,
            CurrentRates rates,
            BatchLoaderRegistry batches) {
        batches.<AccountDeals, Connection<OpportunityRow>>forName(ACCOUNT_DEALS)
                .withOptions(o -> o.setCachingEnabled(false)) // a mutation's later fields see its changes
                .registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> accountFirstPages(keys)));
        this.service = service;
        this.queries = queries;
        this.asOfQueries = asOfQueries;
        this.team = team;
        this.pipelines = pipelines;
        this.pipelineStrategies = pipelineStrategies;
        this.opportunityRows = opportunityRows;
        this.currentUser = currentUser;
        this.accountRows = accountRows;
        this.userRows = userRows;
        this.rates = rates;
    }

    @QueryMapping
    OpportunityRow opportunity(@Argument String id) {
        return GlobalId.decode(id, TYPE).flatMap(opportunityRows::live).orElse(null);
    }

    @QueryMapping
    Connection<OpportunityRow> opportunities(
            @Argument Integer first,
            @Argument String after,
            @Argument OpportunityFilterInput filter,
            @Argument List<OpportunityOrder> orderBy) {
        return list(first, after, filter(filter, null), orderBy);
    }

    /**
     * The opportunities that were open at the end of {@code date} (UTC), with the stage, amount, probability,
     * expected close date, owner, status and forecast category they had then.
     */
    @QueryMapping
    Connection<OpportunityRow> opportunitiesAsOf(
            @Argument LocalDate date,
            @Argument Integer first,
            @Argument String after,
            @Argument OpportunityFilterInput filter,
            @Argument List<OpportunityOrder> orderBy) {
        Instant asOf = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        OpportunityFilter f = filter(filter, null);
        // The cursor names the date: a page of one day is no cursor for another.
        return list(
                "opportunitiesAsOf:" + date,
                first,
                after,
                orderBy,
                page -> asOfQueries.page(currentUser.viewer(), f, page, asOf),
                ids -> asOf(opportunityRows.find(ids), asOfQueries.values(ids, asOf)),
                () -> asOfQueries.count(currentUser.viewer(), f, asOf));
    }

    private static List<OpportunityRow> asOf(List<OpportunityRow> rows, Map<UUID, OpportunityAsOf.Values> then) {
        return rows.stream()
                .filter(r -> then.containsKey(r.id()))
                .map(r -> {
                    OpportunityAsOf.Values v = then.get(r.id());
                    return r.toBuilder()
                            .stage(v.stageId(), r.stageEnteredAt())
                            .amount(v.amount(), v.amountCurrency())
                            .probability(v.probability(), r.probabilityManual())
                            .expectedCloseDate(v.expectedCloseDate())
                            .ownerId(v.ownerId())
                            .status(v.status())
                            .forecastCategory(v.forecastCategory())
                            .close(null, new String[0], null, null, null)
                            .build();
                })
                .toList();
    }

    /**
     * An account's deals. The first page (what a list of accounts with their deals asks for) is read for all the
     * response's accounts at once, per filter and order: ids, rows and counts one statement each; later pages, and a
     * filter naming another account, one by one.
     */
    @SchemaMapping(typeName = "Account", field = "opportunities")
    Object accountOpportunities(
            AccountRow account,
            @Argument Integer first,
            @Argument String after,
            @Argument OpportunityFilterInput filter,
            @Argument List<OpportunityOrder> orderBy,
            DataFetchingEnvironment env) {
        if (after == null && (filter == null || filter.accountId() == null)) {
            Order order = order("opportunities", orderBy);
            return env.<AccountDeals, Connection<OpportunityRow>>getDataLoader(ACCOUNT_DEALS)
                    .load(new AccountDeals(
                            account.id(),
                            order.list(),
                            Pages.request(order.list(), order.keys(), first, null),
                            filter(filter, null),
                            env.getSelectionSet().contains("totalCount")));
        }
        return list(first, after, filter(filter, account.id()), orderBy);
    }

    /** A first page of an account's deals, as a data loader's key; {@code shape()} leaves the account out. */
    record AccountDeals(UUID accountId, String list, PageRequest request, OpportunityFilter filter, boolean counted) {
        AccountDeals shape() {
            return new AccountDeals(null, list, request, filter, counted);
        }
    }

    private static final String ACCOUNT_DEALS = "accountOpportunityFirstPages";

    private Map<AccountDeals, Connection<OpportunityRow>> accountFirstPages(Set<AccountDeals> keys) {
        return Pages.byShape(
                keys,
                AccountDeals::shape,
                AccountDeals::accountId,
                (shape, accounts) -> Pages.firstPages(
                        shape.list(),
                        shape.request(),
                        accounts,
                        queries.firstPagesByAccount(currentUser.viewer(), shape.filter(), accounts, shape.request()),
                        shape.counted()
                                ? queries.countsByAccount(currentUser.viewer(), shape.filter(), accounts)
                                : Map.of(),
                        opportunityRows::find,
                        OpportunityRow::id));
    }

    private Connection<OpportunityRow> list(
            Integer first, String after, OpportunityFilter filter, List<OpportunityOrder> orderBy) {
        return list(
                "opportunities",
                first,
                after,
                orderBy,
                page -> queries.page(currentUser.viewer(), filter, page),
                opportunityRows::find,
                () -> queries.count(currentUser.viewer(), filter));
    }

    private Connection<OpportunityRow> list(
            String name,
            Integer first,
            String after,
            List<OpportunityOrder> orderBy,
            Function<PageRequest, PageRows> pageOf,
            Function<List<UUID>, List<OpportunityRow>> load,
            LongSupplier count) {
        Order order = order(name, orderBy);
        PageRequest page = Pages.request(order.list(), order.keys(), first, after);
        return Pages.connection(order.list(), page, pageOf.apply(page), load, OpportunityRow::id, count);
    }

    /** A list's sort keys (the id last, to make the order total) and its name with them, for its cursors. */
    record Order(String list, List<SortKey> keys) {}

    private Order order(String name, List<OpportunityOrder> orderBy) {
        List<SortKey> keys = new ArrayList<>();
        StringBuilder list = new StringBuilder(name);
        for (OpportunityOrder order :
                orderBy == null || orderBy.isEmpty() ? List.of(new OpportunityOrder("CLOSE_DATE", "ASC")) : orderBy) {
            if (order.field().equals("SCORE") && name.startsWith("opportunitiesAsOf")) {
                throw new QueryInputException(
                        "orderBy", "SCORE is today's score; a past day's list cannot be ordered by it");
            }
            if (order.field().equals("SCORE") && !pipelineStrategies.anyActive()) {
                throw new QueryInputException("orderBy", "SCORE needs an active scoring strategy; none is installed");
            }
            boolean descending = "DESC".equals(order.direction());
            keys.add(
                    order.field().equals("AMOUNT")
                            ? rates.amountSort(descending)
                            : OpportunitySort.valueOf(order.field()).key(descending));
            list.append(':').append(order.field()).append(descending ? "-" : "+");
        }
        keys.add(SortKey.id(keys.get(keys.size() - 1).descending()));
        return new Order(list.toString(), keys);
    }

    private OpportunityFilter filter(OpportunityFilterInput in, UUID accountId) {
        if (in == null) {
            return new OpportunityFilter(null, null, null, accountId, null, null, null, null, false);
        }
        UUID account = accountId;
        if (in.accountId() != null) {
            account = GlobalId.decode(in.accountId(), "Account")
                    .orElseThrow(() -> new QueryInputException("filter.accountId", "is not an account id"));
        }
        return new OpportunityFilter(
                in.status(),
                ids(in.stageIds(), "Stage", "filter.stageIds"),
                ids(in.ownerIds(), "User", "filter.ownerIds"),
                account,
                in.closeDateFrom(),
                in.closeDateTo(),
                rates.bounds(
                        Validation.amountBound(in.amountMin(), "filter.amountMin"),
                        Validation.amountBound(in.amountMax(), "filter.amountMax")),
                in.stalled(),
                Boolean.TRUE.equals(in.deleted()));
    }

    private static List<UUID> ids(List<String> ids, String type, String argument) {
        return ids == null
                ? null
                : ids.stream()
                        .map(id -> GlobalId.decode(id, type)
                                .orElseThrow(() -> new QueryInputException(
                                        argument, "contains " + id + ", not a " + type + " id")))
                        .toList();
    }

    @MutationMapping
    OpportunityPayload createOpportunity(@Argument CreateOpportunityInput input) {
        return Mutations.run(() -> service.create(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload updateOpportunity(@Argument UpdateOpportunityInput input) {
        return Mutations.run(() -> service.update(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload moveOpportunityStage(@Argument MoveOpportunityStageInput input) {
        return Mutations.run(() -> service.move(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload moveOpportunityToPipeline(@Argument OpportunityInputs.MoveOpportunityToPipelineInput input) {
        return Mutations.run(() -> service.moveToPipeline(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload closeOpportunity(@Argument CloseOpportunityInput input) {
        return Mutations.run(() -> service.close(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload reopenOpportunity(@Argument ReopenOpportunityInput input) {
        return Mutations.run(() -> service.reopen(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload deleteOpportunity(@Argument VersionedInput input) {
        return Mutations.run(() -> service.delete(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload restoreOpportunity(@Argument VersionedInput input) {
        return Mutations.run(() -> service.restore(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload addTeamMember(@Argument AddTeamMemberInput input) {
        return Mutations.run(() -> service.addTeamMember(input), OpportunityPayload::new);
    }

    @MutationMapping
    OpportunityPayload removeTeamMember(@Argument RemoveTeamMemberInput input) {
        return Mutations.run(() -> service.removeTeamMember(input), OpportunityPayload::new);
    }

    @SchemaMapping(typeName = TYPE, field = "id")
    String id(OpportunityRow o) {
        return GlobalId.of(TYPE, o.id());
    }

    @SchemaMapping(typeName = TYPE, field = "amount")
    Money amount(OpportunityRow o) {
        return MoneyInput.output(o.amount(), o.amountCurrency());
    }

    /** Hidden from partners by default (security.PartnerHiddenFields): what the customer can spend. */
    @SchemaMapping(typeName = TYPE, field = "budget")
    Money budget(OpportunityRow o) {
        return MoneyInput.output(o.budget(), o.budgetCurrency());
    }

    @SchemaMapping(typeName = TYPE, field = "deleted")
    boolean deleted(OpportunityRow o) {
        return o.deletedAt() != null;
    }

    @SchemaMapping(typeName = TYPE, field = "createdAt")
    OffsetDateTime createdAt(OpportunityRow o) {
        return DateTimes.utc(o.createdAt());
    }

    @SchemaMapping(typeName = TYPE, field = "updatedAt")
    OffsetDateTime updatedAt(OpportunityRow o) {
        return DateTimes.utc(o.updatedAt());
    }

    @SchemaMapping(typeName = TYPE, field = "closeDetails")
    CloseDetails closeDetails(OpportunityRow o) {
        if (o.status() == OpportunityStatus.OPEN) {
            return null;
        }
        return new CloseDetails(
                o.status().name(),
                o.closedAt(),
                Arrays.asList(o.closeReasons()),
                o.winningCompetitorId(),
                o.lostAtStageId() == null
                        ? null
                        : pipelines.stage(o.lostAtStageId()).orElse(null),
                o.closeNote());
    }

    @SchemaMapping(typeName = "CloseDetails", field = "winningCompetitorId")
    String winningCompetitorId(CloseDetails details) {
        return details.winningCompetitorId();
    }

    @BatchMapping(typeName = TYPE, field = "account")
    Map<OpportunityRow, AccountRow> account(List<OpportunityRow> list) {
        return Batches.byKey(list, OpportunityRow::accountId, accountRows::find, AccountRow::id);
    }

    @BatchMapping(typeName = TYPE, field = "owner")
    Map<OpportunityRow, UserRow> owner(List<OpportunityRow> list) {
        return Batches.byKey(list, OpportunityRow::ownerId, userRows::find, UserRow::id);
    }

    /** Whole days since the opportunity entered its stage; null once it is closed. */
    @SchemaMapping(typeName = TYPE, field = "daysInStage")
    Integer daysInStage(OpportunityRow o) {
        return o.status() == OpportunityStatus.OPEN
                ? (int) Duration.between(o.stageEnteredAt(), Instant.now()).toDays()
                : null;
    }

    /** Open and more days in its stage than the stage allows ({@code Stage.stalledAfterDays}). */
    @SchemaMapping(typeName = TYPE, field = "stalled")
    boolean stalled(OpportunityRow o) {
        Integer days = daysInStage(o);
        Integer limit = days == null
                ? null
                : pipelines.stage(o.stageId()).map(StageRow::stalledAfterDays).orElse(null);
        return limit != null && days > limit;
    }

    @BatchMapping(typeName = TYPE, field = "stage")
    Map<OpportunityRow, StageRow> stage(List<OpportunityRow> list) {
        Map<UUID, StageRow> byId =
                pipelines.stages().stream().collect(Collectors.toMap(StageRow::id, Function.identity()));
        return list.stream().collect(Collectors.toMap(Function.identity(), o -> byId.get(o.stageId())));
    }

    @BatchMapping(typeName = TYPE, field = "pipeline")
    Map<OpportunityRow, PipelineRow> pipeline(List<OpportunityRow> list) {
        Map<UUID, PipelineRow> byId =
                pipelines.all().stream().collect(Collectors.toMap(PipelineRow::id, Function.identity()));
        return list.stream().collect(Collectors.toMap(Function.identity(), o -> byId.get(o.pipelineId())));
    }

    /** The teams of a page of opportunities: one statement for the members, one for their users. */
    @BatchMapping(typeName = TYPE, field = "team")
    Map<OpportunityRow, List<TeamMember>> team(List<OpportunityRow> list) {
        List<TeamMemberRow> members = team.findByKeyOpportunityIdInOrderByAddedAt(distinct(list, OpportunityRow::id));
        Map<UUID, UserRow> byId =
                userRows
                        .find(members.stream()
                                .map(m -> m.key().userId())
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(UserRow::id, Function.identity()));
        return list.stream().collect(Collectors.toMap(Function.identity(), o -> members.stream()
                .filter(m -> m.key().opportunityId().equals(o.id()))
                .map(m -> new TeamMember(byId.get(m.key().userId()), m.role(), m.access()))
                .toList()));
    }

    private static List<UUID> distinct(List<OpportunityRow> list, Function<OpportunityRow, UUID> id) {
        return list.stream().map(id).filter(Objects::nonNull).distinct().toList();
    }
}

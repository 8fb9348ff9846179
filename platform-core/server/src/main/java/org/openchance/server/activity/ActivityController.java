package org.openchance.server.activity;

import graphql.schema.DataFetchingEnvironment;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.PageSize;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.UserError;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.activity.ActivityContactRepository;
import org.openchance.store.activity.ActivityContactRow;
import org.openchance.store.activity.ActivityQueries;
import org.openchance.store.activity.ActivityRepository;
import org.openchance.store.activity.ActivityRow;
import org.openchance.store.activity.Attachments;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.PageRequest;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class ActivityController {

    private static final String TYPE = ActivityService.TYPE;

    record ActivityPayload(ActivityRow activity, List<UserError> errors) {}

    record AttachmentInfo(String id, String name, String mediaType, long size, String url) {}

    /**
     * The first page of an opportunity's or an account's timeline ({@code list}) as a response asks for it: what the
     * data loader batches.
     */
    record TimelinePage(
            String list,
            UUID parentId,
            int first,
            List<String> types,
            OffsetDateTime from,
            OffsetDateTime to,
            boolean counted) {

        /** The page without its parent: pages of one shape are read together. */
        TimelinePage shape() {
            return new TimelinePage(list, null, first, types, from, to, counted);
        }

        /** The column that names the parent: every activity has its account, a deal's also its opportunity. */
        String parentColumn() {
            return list.equals(OPPORTUNITY_TIMELINE) ? "opportunity_id" : "account_id";
        }

        static TimelinePage of(
                String list,
                UUID parent,
                Integer first,
                List<String> types,
                OffsetDateTime from,
                OffsetDateTime to,
                DataFetchingEnvironment env) {
            return new TimelinePage(
                    list,
                    parent,
                    PageSize.of(first),
                    types == null ? List.of() : List.copyOf(types),
                    from,
                    to,
                    env.getSelectionSet().contains("totalCount"));
        }
    }

    private static final String TIMELINES = "timelines";
    private static final String OPPORTUNITY_TIMELINE = "opportunityActivities";
    private static final String ACCOUNT_TIMELINE = "accountActivities";

    private final ActivityService service;
    private final ActivityRepository activities;
    private final ActivityContactRepository activityContacts;
    private final VisibleAccounts visibleAccounts;
    private final UserRepository users;
    private final VisibleOpportunities opportunities;
    private final AccountRepository accounts;
    private final ActivityQueries query;
    private final Attachments attachments;

    private final CurrentUser currentUser;

    ActivityController(
            ActivityService service,
            ActivityRepository activities,
            ActivityContactRepository activityContacts,
            VisibleAccounts visibleAccounts,
            UserRepository users,
            VisibleOpportunities opportunities,
            AccountRepository accounts,
            ActivityQueries query,
            Attachments attachments,
            CurrentUser currentUser,
            BatchLoaderRegistry batches) {
        this.currentUser = currentUser;
        batches.<TimelinePage, Connection<ActivityRow>>forName(TIMELINES)
                .withOptions(o -> o.setCachingEnabled(false)) // a mutation's later fields see its changes
                .registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> firstPages(keys)));
        this.service = service;
        this.activities = activities;
        this.activityContacts = activityContacts;
        this.visibleAccounts = visibleAccounts;
        this.users = users;
        this.opportunities = opportunities;
        this.accounts = accounts;
        this.query = query;
        this.attachments = attachments;
    }

    @MutationMapping
    ActivityPayload logActivity(@Argument ActivityService.LogActivityInput input) {
        return Mutations.run(() -> service.log(input), ActivityPayload::new);
    }

    /**
     * An opportunity's timeline. The first page (what a list of deals with their latest activities asks for) is read
     * for all the response's opportunities at once: three statements (ids, rows, counts if asked) for a page of 100
     * deals rather than two or three per deal; later pages one by one.
     */
    @SchemaMapping(typeName = "Opportunity", field = "activities")
    Object opportunityActivities(
            OpportunityRow opportunity,
            @Argument Integer first,
            @Argument String after,
            @Argument List<String> types,
            @Argument OffsetDateTime from,
            @Argument OffsetDateTime to,
            DataFetchingEnvironment env) {
        if (after == null) {
            return env.<TimelinePage, Connection<ActivityRow>>getDataLoader(TIMELINES)
                    .load(TimelinePage.of(OPPORTUNITY_TIMELINE, opportunity.id(), first, types, from, to, env));
        }
        return timeline(
                OPPORTUNITY_TIMELINE,
                new ActivityQueries.Filter(currentUser.viewer(), opportunity.id(), null, types, from, to),
                first,
                after);
    }

    /**
     * The first pages of many opportunities' or accounts' timelines: per shape of page, one statement each for ids,
     * rows, counts.
     */
    private Map<TimelinePage, Connection<ActivityRow>> firstPages(Set<TimelinePage> keys) {
        return Pages.byShape(
                keys,
                TimelinePage::shape,
                TimelinePage::parentId,
                (shape, parents) -> Pages.firstPages(
                        shape.list(),
                        Pages.request(shape.list(), ActivityQueries.NEWEST_FIRST, shape.first(), null),
                        query,
                        new ActivityQueries.Filter(
                                currentUser.viewer(), null, null, shape.types(), shape.from(), shape.to()),
                        shape.parentColumn(),
                        parents,
                        shape.counted(),
                        activities::findByIdIn,
                        ActivityRow::id));
    }

    /** The account's own activities and those of its opportunities; first pages batched as the opportunities' are. */
    @SchemaMapping(typeName = "Account", field = "activities")
    Object accountActivities(
            AccountRow account,
            @Argument Integer first,
            @Argument String after,
            @Argument List<String> types,
            @Argument OffsetDateTime from,
            @Argument OffsetDateTime to,
            DataFetchingEnvironment env) {
        if (after == null) {
            return env.<TimelinePage, Connection<ActivityRow>>getDataLoader(TIMELINES)
                    .load(TimelinePage.of(ACCOUNT_TIMELINE, account.id(), first, types, from, to, env));
        }
        return timeline(
                ACCOUNT_TIMELINE,
                new ActivityQueries.Filter(currentUser.viewer(), null, account.id(), types, from, to),
                first,
                after);
    }

    private Connection<ActivityRow> timeline(String list, ActivityQueries.Filter filter, Integer first, String after) {
        PageRequest page = Pages.request(list, ActivityQueries.NEWEST_FIRST, first, after);
        return Pages.connection(
                list,
                page,
                query.page(filter, page),
                activities::findByIdIn,
                ActivityRow::id,
                () -> query.count(filter));
    }

    @SchemaMapping(typeName = TYPE, field = "id")
    String id(ActivityRow activity) {
        return GlobalId.of(TYPE, activity.id());
    }

    @SchemaMapping(typeName = TYPE, field = "occurredAt")
    OffsetDateTime occurredAt(ActivityRow activity) {
        return DateTimes.utc(activity.occurredAt());
    }

    @BatchMapping(typeName = TYPE, field = "author")
    Map<ActivityRow, UserRow> author(List<ActivityRow> list) {
        return Batches.byKey(list, ActivityRow::authorId, users::findByIdIn, UserRow::id);
    }

    @BatchMapping(typeName = TYPE, field = "opportunity")
    Map<ActivityRow, OpportunityRow> opportunity(List<ActivityRow> list) {
        return Batches.byKey(list, ActivityRow::opportunityId, opportunities::find, OpportunityRow::id);
    }

    @BatchMapping(typeName = TYPE, field = "account")
    Map<ActivityRow, AccountRow> account(List<ActivityRow> list) {
        return Batches.byKey(list, ActivityRow::accountId, accounts::findByIdIn, AccountRow::id);
    }

    @BatchMapping(typeName = TYPE, field = "attachments")
    Map<ActivityRow, List<AttachmentInfo>> attachments(List<ActivityRow> list) {
        Map<UUID, List<AttachmentInfo>> byActivity =
                attachments.ofActivities(list.stream().map(ActivityRow::id).toList()).stream()
                        .collect(Collectors.groupingBy(
                                Attachments.Attachment::activityId,
                                Collectors.mapping(
                                        a -> new AttachmentInfo(
                                                GlobalId.of("Attachment", a.id()),
                                                a.name(),
                                                a.mediaType(),
                                                a.size(),
                                                AttachmentController.url(a.id())),
                                        Collectors.toList())));
        return list.stream()
                .collect(Collectors.toMap(Function.identity(), a -> byActivity.getOrDefault(a.id(), List.of())));
    }

    /** The participants of a page of activities: one statement for the links, one for the people. */
    @BatchMapping(typeName = TYPE, field = "contacts")
    Map<ActivityRow, List<ContactRow>> contacts(List<ActivityRow> list) {
        List<ActivityContactRow> links = activityContacts.findByKeyActivityIdIn(
                list.stream().map(ActivityRow::id).toList());
        Map<UUID, ContactRow> byId = links.isEmpty()
                ? Map.of()
                : visibleAccounts
                        .findContacts(links.stream()
                                .map(l -> l.key().contactId())
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(ContactRow::id, Function.identity()));
        return list.stream().collect(Collectors.toMap(Function.identity(), a -> links.stream()
                .filter(l -> l.key().activityId().equals(a.id()))
                .map(l -> byId.get(l.key().contactId()))
                .filter(java.util.Objects::nonNull) // deleted, or not the caller's to see
                .toList()));
    }
}

package org.openchance.server.task;

import graphql.schema.DataFetchingEnvironment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.PageSize;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.graphql.UserError;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.PageRequest;
import org.openchance.store.task.TaskQueries;
import org.openchance.store.task.TaskRepository;
import org.openchance.store.task.TaskRow;
import org.openchance.store.user.UserRepository;
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
class TaskController {

    private static final String TYPE = TaskService.TYPE;

    record TaskFilter(
            String assigneeId, OffsetDateTime dueBefore, Boolean done, Boolean overdue, String opportunityId) {}

    record TaskPayload(TaskRow task, List<UserError> errors) {}

    /** The first page of an opportunity's tasks as a response asks for it: what the data loader batches. */
    record TaskPage(UUID opportunityId, int first, Boolean done, boolean counted) {

        /** The page without its opportunity: pages of one shape are read together. */
        TaskPage shape() {
            return new TaskPage(null, first, done, counted);
        }
    }

    private static final String TASK_LISTS = "opportunityTaskLists";
    private static final String OPPORTUNITY_TASKS = "opportunityTasks";

    private final TaskService service;
    private final CurrentUser currentUser;

    private final TaskRepository tasks;
    private final UserRepository users;
    private final VisibleOpportunities opportunities;
    private final AccountRepository accounts;
    private final TaskQueries query;

    TaskController(
            TaskService service,
            TaskRepository tasks,
            UserRepository users,
            VisibleOpportunities opportunities,
            AccountRepository accounts,
            TaskQueries query,
            CurrentUser currentUser,
            BatchLoaderRegistry batches) {
        batches.<TaskPage, Connection<TaskRow>>forName(TASK_LISTS)
                .withOptions(o -> o.setCachingEnabled(false)) // a mutation's later fields see its changes
                .registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> firstPages(keys)));
        this.service = service;
        this.tasks = tasks;
        this.users = users;
        this.opportunities = opportunities;
        this.accounts = accounts;
        this.query = query;
        this.currentUser = currentUser;
    }

    @QueryMapping
    Connection<TaskRow> tasks(@Argument Integer first, @Argument String after, @Argument TaskFilter filter) {
        if (filter == null) {
            return list(
                    "tasks", first, after, new TaskQueries.Filter(currentUser.viewer(), null, null, null, null, null));
        }
        UUID assignee = filter.assigneeId() == null
                ? null
                : GlobalId.decode(filter.assigneeId(), "User")
                        .orElseThrow(() -> new QueryInputException("filter.assigneeId", "is not a user id"));
        UUID opportunity = filter.opportunityId() == null
                ? null
                : GlobalId.decode(filter.opportunityId(), "Opportunity")
                        .orElseThrow(() -> new QueryInputException("filter.opportunityId", "is not an opportunity id"));
        return list(
                "tasks",
                first,
                after,
                new TaskQueries.Filter(
                        currentUser.viewer(),
                        assignee,
                        opportunity,
                        filter.dueBefore(),
                        filter.done(),
                        filter.overdue()));
    }

    /**
     * An opportunity's tasks. The first page is read for all the response's opportunities at once (as their
     * timelines are); later pages one by one.
     */
    @SchemaMapping(typeName = "Opportunity", field = "tasks")
    Object opportunityTasks(
            OpportunityRow opportunity,
            @Argument Integer first,
            @Argument String after,
            @Argument Boolean done,
            DataFetchingEnvironment env) {
        if (after == null) {
            TaskPage page = new TaskPage(
                    opportunity.id(),
                    PageSize.of(first),
                    done,
                    env.getSelectionSet().contains("totalCount"));
            return env.<TaskPage, Connection<TaskRow>>getDataLoader(TASK_LISTS).load(page);
        }
        return list(
                OPPORTUNITY_TASKS,
                first,
                after,
                new TaskQueries.Filter(currentUser.viewer(), null, opportunity.id(), null, done, null));
    }

    /** The first pages of many opportunities' tasks: per shape of page, one statement each for ids, rows, counts. */
    private Map<TaskPage, Connection<TaskRow>> firstPages(Set<TaskPage> keys) {
        return Pages.byShape(
                keys,
                TaskPage::shape,
                TaskPage::opportunityId,
                (shape, opportunities) -> Pages.firstPages(
                        OPPORTUNITY_TASKS,
                        Pages.request(OPPORTUNITY_TASKS, TaskQueries.BY_DUE, shape.first(), null),
                        query,
                        new TaskQueries.Filter(currentUser.viewer(), null, null, null, shape.done(), null),
                        "opportunity_id",
                        opportunities,
                        shape.counted(),
                        tasks::findByIdIn,
                        TaskRow::id));
    }

    private Connection<TaskRow> list(String name, Integer first, String after, TaskQueries.Filter filter) {
        PageRequest page = Pages.request(name, TaskQueries.BY_DUE, first, after);
        return Pages.connection(
                name, page, query.page(filter, page), tasks::findByIdIn, TaskRow::id, () -> query.count(filter));
    }

    @MutationMapping
    TaskPayload createTask(@Argument TaskService.CreateTaskInput input) {
        return Mutations.run(() -> service.create(input), TaskPayload::new);
    }

    @MutationMapping
    TaskPayload updateTask(@Argument TaskService.UpdateTaskInput input) {
        return Mutations.run(() -> service.update(input), TaskPayload::new);
    }

    @MutationMapping
    TaskPayload completeTask(@Argument TaskService.TaskVersionInput input) {
        return Mutations.run(() -> service.complete(input), TaskPayload::new);
    }

    @MutationMapping
    TaskPayload reopenTask(@Argument TaskService.TaskVersionInput input) {
        return Mutations.run(() -> service.reopen(input), TaskPayload::new);
    }

    @SchemaMapping(typeName = TYPE, field = "id")
    String id(TaskRow task) {
        return GlobalId.of(TYPE, task.id());
    }

    @SchemaMapping(typeName = TYPE, field = "dueAt")
    OffsetDateTime dueAt(TaskRow task) {
        return DateTimes.utc(task.dueAt());
    }

    @SchemaMapping(typeName = TYPE, field = "remindAt")
    OffsetDateTime remindAt(TaskRow task) {
        return DateTimes.utc(task.remindAt());
    }

    @SchemaMapping(typeName = TYPE, field = "doneAt")
    OffsetDateTime doneAt(TaskRow task) {
        return DateTimes.utc(task.doneAt());
    }

    @SchemaMapping(typeName = TYPE, field = "createdAt")
    OffsetDateTime createdAt(TaskRow task) {
        return DateTimes.utc(task.createdAt());
    }

    @SchemaMapping(typeName = TYPE, field = "overdue")
    boolean overdue(TaskRow task) {
        return task.overdueAt(Instant.now());
    }

    @BatchMapping(typeName = TYPE, field = "assignee")
    Map<TaskRow, UserRow> assignee(List<TaskRow> list) {
        return Batches.byKey(list, TaskRow::assigneeId, users::findByIdIn, UserRow::id);
    }

    @BatchMapping(typeName = TYPE, field = "opportunity")
    Map<TaskRow, OpportunityRow> opportunity(List<TaskRow> list) {
        return Batches.byKey(list, TaskRow::opportunityId, opportunities::find, OpportunityRow::id);
    }

    @BatchMapping(typeName = TYPE, field = "account")
    Map<TaskRow, AccountRow> account(List<TaskRow> list) {
        return Batches.byKey(list, TaskRow::accountId, accounts::findByIdIn, AccountRow::id);
    }
}

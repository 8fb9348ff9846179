package org.openchance.server.task;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.graphql.UserError;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.opportunity.OpportunityRepository;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.SortKey;
import org.openchance.store.task.TaskRepository;
import org.openchance.store.task.TaskRow;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class TaskController {

    private static final String TYPE = TaskService.TYPE;
    /** Soonest due first: what to do next. */
    private static final List<SortKey> BY_DUE = List.of(new SortKey("due_at", SortKey.ValueType.TIMESTAMP, false),
            new SortKey("id", SortKey.ValueType.UUID, false));

    record TaskFilter(String assigneeId, OffsetDateTime dueBefore, Boolean done, Boolean overdue, String opportunityId) {
    }

    record TaskPayload(TaskRow task, List<UserError> errors) {
    }

    /** A filter with its ids resolved. */
    private record Criteria(UUID assignee, UUID opportunity, OffsetDateTime dueBefore, Boolean done, Boolean overdue) {
    }

    private final TaskService service;
    private final TaskRepository tasks;
    private final UserRepository users;
    private final OpportunityRepository opportunities;
    private final AccountRepository accounts;
    private final KeysetQuery query;

    TaskController(TaskService service, TaskRepository tasks, UserRepository users, OpportunityRepository opportunities,
                   AccountRepository accounts, KeysetQuery query) {
        this.service = service;
        this.tasks = tasks;
        this.users = users;
        this.opportunities = opportunities;
        this.accounts = accounts;
        this.query = query;
    }

    @QueryMapping
    Connection<TaskRow> tasks(@Argument Integer first, @Argument String after, @Argument TaskFilter filter) {
        if (filter == null) {
            return list("tasks", first, after, new Criteria(null, null, null, null, null));
        }
        UUID assignee = filter.assigneeId() == null ? null : GlobalId.decode(filter.assigneeId(), "User")
                .orElseThrow(() -> new QueryInputException("filter.assigneeId", "is not a user id"));
        UUID opportunity = filter.opportunityId() == null ? null : GlobalId.decode(filter.opportunityId(), "Opportunity")
                .orElseThrow(() -> new QueryInputException("filter.opportunityId", "is not an opportunity id"));
        return list("tasks", first, after, new Criteria(assignee, opportunity, filter.dueBefore(), filter.done(),
                filter.overdue()));
    }

    @SchemaMapping(typeName = "Opportunity", field = "tasks")
    Connection<TaskRow> opportunityTasks(OpportunityRow opportunity, @Argument Integer first, @Argument String after,
                                         @Argument Boolean done) {
        return list("opportunityTasks", first, after, new Criteria(null, opportunity.id(), null, done, null));
    }

    private Connection<TaskRow> list(String name, Integer first, String after, Criteria filter) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("true");
        if (filter.assignee() != null) {
            where.append(" and assignee_id = :assignee");
            params.put("assignee", filter.assignee());
        }
        if (filter.opportunity() != null) {
            where.append(" and opportunity_id = :opportunity");
            params.put("opportunity", filter.opportunity());
        }
        if (filter.dueBefore() != null) {
            where.append(" and due_at < :dueBefore");
            params.put("dueBefore", filter.dueBefore());
        }
        if (filter.done() != null) {
            where.append(" and done = :done");
            params.put("done", filter.done());
        }
        if (filter.overdue() != null) {
            // The same rule as Task.overdue, with the database's clock for the whole list.
            where.append(filter.overdue() ? " and not done and due_at < now()" : " and (done or due_at >= now())");
        }
        String condition = where.toString();
        PageRequest page = Pages.request(name, BY_DUE, first, after);
        return Pages.connection(name, page, query.page("task", condition, params, page), tasks::findByIdIn, TaskRow::id,
                () -> query.count("task", condition, params));
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
        return Batches.byKey(list, TaskRow::opportunityId, opportunities::findByIdIn, OpportunityRow::id);
    }

    @BatchMapping(typeName = TYPE, field = "account")
    Map<TaskRow, AccountRow> account(List<TaskRow> list) {
        return Batches.byKey(list, TaskRow::accountId, accounts::findByIdIn, AccountRow::id);
    }
}

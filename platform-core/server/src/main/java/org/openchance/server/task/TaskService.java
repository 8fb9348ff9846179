package org.openchance.server.task;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.server.account.AccountService;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.history.RecordHistory;
import org.openchance.server.opportunity.OpportunityService;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.task.TaskRepository;
import org.openchance.store.task.TaskRow;
import org.openchance.store.user.UserRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Follow-ups: created, changed, completed and reopened, each validated and version-checked in one transaction. */
@Service
public class TaskService {

    static final String TYPE = "Task";

    public record CreateTaskInput(
            String title,
            String notes,
            OffsetDateTime dueAt,
            OffsetDateTime remindAt,
            String assigneeId,
            String opportunityId,
            String accountId) {}

    public record UpdateTaskInput(
            String id,
            Integer expectedVersion,
            String title,
            String notes,
            OffsetDateTime dueAt,
            OffsetDateTime remindAt,
            String assigneeId) {}

    public record TaskVersionInput(String id, Integer expectedVersion) {}

    private final TaskRepository tasks;
    private final RecordHistory history;
    private final UserRepository users;
    private final OpportunityService opportunities;
    private final AccountService accounts;
    private final CurrentUser currentUser;
    private final VisibleOpportunities visible;
    private final VisibleAccounts visibleAccounts;
    private final DomainEvents events;

    TaskService(
            TaskRepository tasks,
            UserRepository users,
            OpportunityService opportunities,
            AccountService accounts,
            CurrentUser currentUser,
            VisibleOpportunities visible,
            VisibleAccounts visibleAccounts,
            DomainEvents events,
            RecordHistory history) {
        this.history = history;
        this.tasks = tasks;
        this.users = users;
        this.opportunities = opportunities;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.visible = visible;
        this.visibleAccounts = visibleAccounts;
        this.events = events;
    }

    @Transactional
    public TaskRow create(CreateTaskInput in) {
        Validation v = validate(in.title(), true, in.notes(), in.dueAt(), in.remindAt());
        v.check(in.dueAt() != null, "input.dueAt", "is required");
        UUID assignee = in.assigneeId() == null ? currentUser.id().orElse(null) : user(in.assigneeId(), v);
        UUID opportunity = null;
        UUID account = null;
        if (in.opportunityId() != null) {
            OpportunityRow o = v.collect(() -> opportunities.live(in.opportunityId(), "input.opportunityId"));
            opportunity = o == null ? null : o.id();
            account = o == null ? null : o.accountId();
        }
        if (in.accountId() != null) {
            AccountRow given = v.collect(() -> accounts.find(in.accountId(), "input.accountId"));
            if (given != null) {
                v.check(
                        account == null || account.equals(given.id()),
                        "input.accountId",
                        "is not the opportunity's account");
                account = given.id();
            }
        }
        v.orThrow();
        return published(
                EventTypes.TASK_CREATED,
                tasks.save(new TaskRow(
                        UUID.randomUUID(),
                        in.title().trim(),
                        in.notes(),
                        in.dueAt().toInstant(),
                        instant(in.remindAt()),
                        assignee,
                        opportunity,
                        account,
                        false,
                        null,
                        null,
                        null,
                        0,
                        null,
                        null)));
    }

    @Transactional
    public TaskRow update(UpdateTaskInput in) {
        TaskRow task = find(in.id());
        Validation v = validate(in.title(), in.title() != null, in.notes(), null, null);
        Instant due = in.dueAt() != null ? in.dueAt().toInstant() : task.dueAt();
        Instant remindAt = in.remindAt() != null ? in.remindAt().toInstant() : task.remindAt();
        v.check(remindAt == null || !remindAt.isAfter(due), "input.remindAt", "must not be after the due time");
        UUID assignee = in.assigneeId() == null ? task.assigneeId() : user(in.assigneeId(), v);
        v.orThrow();
        requireVersion(task, in.expectedVersion());
        // A changed reminder time is a new reminder: it fires again.
        Instant remindedAt = in.remindAt() != null && !remindAt.equals(task.remindAt()) ? null : task.remindedAt();
        Instant dueFiredAt = due.equals(task.dueAt()) ? task.dueFiredAt() : null; // likewise a new due time
        return published(
                EventTypes.TASK_UPDATED,
                history.record(
                        "Task",
                        task,
                        tasks.update(new TaskRow(
                                task.id(),
                                in.title() != null ? in.title().trim() : task.title(),
                                in.notes() != null ? in.notes() : task.notes(),
                                due,
                                remindAt,
                                assignee,
                                task.opportunityId(),
                                task.accountId(),
                                task.done(),
                                task.doneAt(),
                                remindedAt,
                                dueFiredAt,
                                task.version(),
                                task.createdAt(),
                                task.updatedAt()))));
    }

    @Transactional
    public TaskRow complete(TaskVersionInput in) {
        TaskRow task = find(in.id());
        requireVersion(task, in.expectedVersion());
        if (task.done()) {
            throw new UserErrorException(
                    new UserError(UserError.INVALID_TRANSITION, "the task is already done", "input.id"));
        }
        return published(
                EventTypes.TASK_COMPLETED,
                history.record("Task", task, tasks.update(task.withDone(true, Instant.now()))));
    }

    @Transactional
    public TaskRow reopen(TaskVersionInput in) {
        TaskRow task = find(in.id());
        requireVersion(task, in.expectedVersion());
        if (!task.done()) {
            throw new UserErrorException(
                    new UserError(UserError.INVALID_TRANSITION, "the task is not done", "input.id"));
        }
        return published(
                EventTypes.TASK_REOPENED, history.record("Task", task, tasks.update(task.withDone(false, null))));
    }

    private TaskRow published(String type, TaskRow task) {
        events.publish(type, TYPE, task.id(), TaskPayloads.of(task));
        return task;
    }

    /**
     * The task, if the current user may change it: a deal's task needs edit access to the deal, an account's own task
     * to the account; one of neither is every employee's.
     */
    private TaskRow find(String id) {
        TaskRow task = GlobalId.decode(id, TYPE)
                .flatMap(tasks::findById)
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.id", "Task")));
        if (task.opportunityId() != null) {
            visible.requireEdit(
                    task.opportunityId(), "input.id", "Task", "you may read this deal's tasks but not change them");
        } else if (task.accountId() != null) {
            visibleAccounts.requireEdit(task.accountId(), "input.id", "Task");
        }
        return task;
    }

    private static void requireVersion(TaskRow task, Integer expected) {
        if (expected == null || expected != task.version()) {
            throw new UserErrorException(new UserError(
                    UserError.VERSION_CONFLICT,
                    "the task is at version " + task.version() + ", not " + expected + ": reload and try again",
                    "input.expectedVersion"));
        }
    }

    private UUID user(String id, Validation v) {
        UUID user = GlobalId.decode(id, "User").filter(users::existsById).orElse(null);
        if (user == null) {
            v.add(UserError.notFound("input.assigneeId", "User"));
        }
        return user;
    }

    private static Validation validate(
            String title, boolean titleRequired, String notes, OffsetDateTime dueAt, OffsetDateTime remindAt) {
        Validation v = new Validation()
                .text(title, "input.title", titleRequired, 500)
                .text(notes, "input.notes", false, 20_000);
        v.check(
                remindAt == null || dueAt == null || !remindAt.isAfter(dueAt),
                "input.remindAt",
                "must not be after the due time");
        return v;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

package org.openchance.server.task;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.support.BackgroundWorker;
import org.openchance.store.task.TaskQueries;
import org.openchance.store.task.TaskRepository;
import org.openchance.store.task.TaskRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires task reminders and due notices: at {@code remindAt} ({@code dueAt}), or at the next start for one that came
 * due while no server ran, it publishes a {@code task.reminder} ({@code task.due}) event and marks the task, in one
 * transaction. Due tasks are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so with several servers each reminder fires exactly once.
 */
@Component
public class ReminderScheduler implements SmartLifecycle {

    private final TaskQueries queries;
    private final TransactionTemplate transactions;
    private final TaskRepository tasks;
    private final DomainEvents events;
    private final BackgroundWorker worker;

    public ReminderScheduler(
            TaskQueries queries,
            TransactionTemplate transactions,
            TaskRepository tasks,
            DomainEvents events,
            @Value("${openchance.reminders.poll-interval:15s}") Duration interval) {
        this.queries = queries;
        this.transactions = transactions;
        this.tasks = tasks;
        this.events = events;
        this.worker = new BackgroundWorker("openchance-reminders", interval, this::fireDue);
    }

    /** Fires the reminders and due notices that are due now; returns how many this call fired. */
    public int fireDue() {
        return fire(EventTypes.TASK_REMINDER, TaskQueries.Notice.REMINDER)
                + fire(EventTypes.TASK_DUE, TaskQueries.Notice.DUE);
    }

    private int fire(String eventType, TaskQueries.Notice notice) {
        return transactions.execute(status -> {
            List<UUID> due = queries.claimDue(notice, 100);
            for (TaskRow task : due.isEmpty() ? List.<TaskRow>of() : tasks.findByIdIn(due)) {
                events.publish(eventType, TaskService.TYPE, task.id(), TaskPayloads.of(task));
                queries.markGiven(notice, task.id());
            }
            return due.size();
        });
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}

package org.openchance.store.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code task}: a follow-up with a due time, an optional reminder and an assignee. */
@MappedEntity("task")
public record TaskRow(
        @Id UUID id,
        String title,
        @Nullable String notes,
        Instant dueAt,
        @Nullable Instant remindAt,
        @Nullable UUID assigneeId,
        @Nullable UUID opportunityId,
        @Nullable UUID accountId,
        boolean done,
        @Nullable Instant doneAt,
        @Nullable Instant remindedAt,
        @Nullable Instant dueFiredAt,
        @Version int version,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    /** Overdue: not done and due before {@code now}. */
    public boolean overdueAt(Instant now) {
        return !done && dueAt.isBefore(now);
    }

    public TaskRow withDone(boolean isDone, @Nullable Instant at) {
        return new TaskRow(
                id,
                title,
                notes,
                dueAt,
                remindAt,
                assigneeId,
                opportunityId,
                accountId,
                isDone,
                at,
                remindedAt,
                dueFiredAt,
                version,
                createdAt,
                updatedAt);
    }
}

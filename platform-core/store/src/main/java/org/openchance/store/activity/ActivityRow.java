package org.openchance.store.activity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code activity}: one entry of a timeline (call, meeting, e-mail, note, material, presentation, milestone). */
@MappedEntity("activity")
public record ActivityRow(
        @Id UUID id,
        String type,
        @Nullable UUID opportunityId,
        UUID accountId,
        String subject,
        @Nullable String body,
        @Nullable String outcome,
        Instant occurredAt,
        @Nullable UUID authorId,
        @Version int version,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt,
        @Nullable Instant deletedAt) {}

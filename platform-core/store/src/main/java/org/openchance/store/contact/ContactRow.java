package org.openchance.store.contact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code contact}: a person at an account. */
@MappedEntity("contact")
public record ContactRow(
        @Id UUID id,
        @Nullable UUID accountId,
        @Nullable String firstName,
        String lastName,
        @Nullable String title,
        @Nullable String email,
        @Nullable String phone,
        @Version int version,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt,
        @Nullable Instant deletedAt) {}

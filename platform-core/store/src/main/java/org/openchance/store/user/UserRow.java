package org.openchance.store.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code app_user}. */
@MappedEntity("app_user")
public record UserRow(
        @Id UUID id,
        String name,
        String email,
        UserKind kind,
        @Nullable String company,
        @Nullable @MappedProperty("manager_id") UUID managerId,
        boolean active,
        @Version int version,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    public static UserRow newEmployee(String name, String email) {
        return new UserRow(UUID.randomUUID(), name, email, UserKind.EMPLOYEE, null, null, true, 0, null, null);
    }
}

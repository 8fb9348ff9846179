package org.openchance.store.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;
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
        /** ADMIN, MANAGER, SALES, PARTNER, READ_ONLY: what the user may do (a partner is PARTNER only). */
        @TypeDef(type = DataType.STRING_ARRAY) String[] roles,
        @Version int version,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    public static UserRow newEmployee(String name, String email) {
        return new UserRow(
                UUID.randomUUID(),
                name,
                email,
                UserKind.EMPLOYEE,
                null,
                null,
                true,
                new String[] {"SALES"},
                0,
                null,
                null);
    }

    public boolean hasRole(String role) {
        return java.util.Arrays.asList(roles).contains(role);
    }
}

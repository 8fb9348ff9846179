package org.openchance.store.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code account}: a company the team sells to. */
@MappedEntity("account")
public record AccountRow(
        @Id UUID id,
        String name,
        String matchKey,
        @Nullable String industry,
        @Nullable Integer employeeCount,
        @Nullable BigDecimal annualRevenue,
        @Nullable String annualRevenueCurrency,
        @Nullable String website,
        @Nullable String country,
        @Nullable UUID ownerId,
        @Version int version,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt,
        @Nullable Instant deletedAt) {}

package org.openchance.store.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code lead}: interest not yet qualified. */
@MappedEntity("lead")
public record LeadRow(
        @Id UUID id,
        String companyName,
        @Nullable String contactName,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String source,
        LeadStatus status,
        @Nullable UUID convertedOpportunityId,
        @Nullable String disqualificationReason,
        @Version int version,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    public LeadRow qualified(UUID opportunityId) {
        return new LeadRow(
                id,
                companyName,
                contactName,
                email,
                phone,
                source,
                LeadStatus.QUALIFIED,
                opportunityId,
                null,
                version,
                createdAt,
                updatedAt);
    }

    public LeadRow disqualified(String reason) {
        return new LeadRow(
                id,
                companyName,
                contactName,
                email,
                phone,
                source,
                LeadStatus.DISQUALIFIED,
                null,
                reason,
                version,
                createdAt,
                updatedAt);
    }
}

package org.openchance.store.opportunity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code opportunity_team_member}: an employee or external partner working the deal, with a role. */
@MappedEntity("opportunity_team_member")
public record TeamMemberRow(
        @EmbeddedId Key key,
        String role,
        /** READ or EDIT: whether the member may change the deal. */
        String access,
        @DateCreated @Nullable Instant addedAt) {

    @Embeddable
    public record Key(
            @MappedProperty("opportunity_id") UUID opportunityId,
            @MappedProperty("user_id") UUID userId) {}
}

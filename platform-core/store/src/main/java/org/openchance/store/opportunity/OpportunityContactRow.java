package org.openchance.store.opportunity;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.UUID;

/** A row of {@code opportunity_contact}: a contact's role in a deal (decision maker, champion, ...). */
@MappedEntity("opportunity_contact")
public record OpportunityContactRow(@EmbeddedId Key key, String role) {

    @Embeddable
    public record Key(
            @MappedProperty("opportunity_id") UUID opportunityId,
            @MappedProperty("contact_id") UUID contactId) {}
}

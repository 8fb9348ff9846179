package org.openchance.store.activity;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.UUID;

/** A row of {@code activity_contact}: a contact who took part in an activity. */
@MappedEntity("activity_contact")
public record ActivityContactRow(@EmbeddedId Key key) {

    @Embeddable
    public record Key(
            @MappedProperty("activity_id") UUID activityId,
            @MappedProperty("contact_id") UUID contactId) {}
}

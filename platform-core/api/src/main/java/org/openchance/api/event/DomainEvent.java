package org.openchance.api.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened to a record, as the host tells listeners: written in the same transaction as the change,
 * delivered after commit at least once, in order per record.
 *
 * @param id            increasing; a listener that sees an id twice has seen the same event twice
 * @param type          e.g. {@code opportunity.stage_changed}, {@code activity.logged}, {@code task.reminder}
 * @param aggregateType the kind of record: {@code Opportunity}, {@code Task}, ...
 * @param aggregateId   the record's id
 * @param payload       the details as a JSON object
 */
public record DomainEvent(
        long id, String type, String aggregateType, UUID aggregateId, Instant occurredAt, String payload) {

    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }
}

package org.openchance.api.host;

import java.util.Map;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes a plugin's own domain events (say, {@code quote.sent}) to webhooks and to other plugins' listeners, as the
 * host publishes its own: stored in the event outbox, delivered after commit at least once.
 */
@ProviderType
public interface EventPublisher {

    /**
     * @param type          one of {@link org.openchance.api.event.EventTypes#PLUGIN_TYPES}: the host's own types
     *                      are the host's to publish
     * @param aggregateType the kind of record, e.g. {@code Quote}
     * @param aggregateId   the record's id
     * @param payload       the details: plain values, lists and maps that JSON can hold
     * @return the event's id
     * @throws IllegalArgumentException when the type is not one plugins may publish
     */
    long publish(String type, String aggregateType, UUID aggregateId, Map<String, ?> payload);
}

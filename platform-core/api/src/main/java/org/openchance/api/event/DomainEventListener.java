package org.openchance.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the domain events. An exception means "not handled": the host retries the event later with backoff and,
 * after its last try, keeps it as a dead letter; meanwhile this listener's later events of the same record wait, so
 * the order per record holds. Other listeners are not affected.
 */
@ConsumerType
public interface DomainEventListener {

    /**
     * The service property with the listener's id: stable and unique within the plugin; the host keeps the listener's
     * delivery state under it, so its undelivered events wait for it across restarts and updates.
     */
    String ID = "openchance.event.listener";

    /**
     * The optional service property with the event types the listener wants (a string or an array of strings), e.g.
     * {@code opportunity.closed_won}; {@code opportunity.*} stands for every type that starts with
     * {@code opportunity.}. Events of other types are never queued for it. Without it the listener gets every event.
     */
    String TYPES = "openchance.event.types";

    void onEvent(DomainEvent event) throws Exception;
}

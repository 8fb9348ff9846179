package org.openchance.server.event;

import org.openchance.api.event.DomainEvent;
import org.openchance.api.event.DomainEventListener;

/**
 * What the dispatcher delivers to: one of the host's own listeners (search indexer, score keeper, webhooks) or a
 * plugin's {@link DomainEventListener}, under a stable name that keeps its delivery state (pending, retries, dead
 * letters) across restarts and servers.
 */
public interface EventListener {

    String name();

    /** An exception means "not handled": retried with backoff, then kept as a dead letter. */
    void onEvent(DomainEvent event) throws Exception;

    /** A listener of this name that hands each event to {@code delivery}. */
    static EventListener of(String name, DomainEventListener delivery) {
        return new EventListener() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void onEvent(DomainEvent event) throws Exception {
                delivery.onEvent(event);
            }
        };
    }
}

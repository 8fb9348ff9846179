package org.openchance.server.event;

import java.util.List;
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

    /**
     * The event types queued for this listener ({@code opportunity.closed_won}, or {@code opportunity.*} for all that
     * start with {@code opportunity.}); empty: all. Other events are never queued for it: no claim, no call.
     */
    default List<String> eventTypes() {
        return List.of();
    }

    /**
     * Whether the text is an event type or a prefix pattern such as {@code opportunity.*}: lower-case words with dots
     * between, the last a word or {@code *}.
     */
    static boolean isTypePattern(String text) {
        return text.matches("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*(\\.\\*)?");
    }

    /** A listener of this name that hands each event of the given types (empty: all) to {@code delivery}. */
    static EventListener of(String name, List<String> types, DomainEventListener delivery) {
        List<String> eventTypes = List.copyOf(types);
        return new EventListener() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> eventTypes() {
                return eventTypes;
            }

            @Override
            public void onEvent(DomainEvent event) throws Exception {
                delivery.onEvent(event);
            }
        };
    }
}

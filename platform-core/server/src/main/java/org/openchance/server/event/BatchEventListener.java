package org.openchance.server.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openchance.api.event.DomainEvent;

/**
 * A listener of the host's own that takes its due events a batch at a time (the search indexer turns a batch into
 * one bulk request). Failures are per event: those retry with backoff and become dead letters, the rest are done.
 */
public interface BatchEventListener extends EventListener {

    /** @return the ids of the events that failed, with why; empty when all succeeded */
    Map<Long, String> onEvents(List<DomainEvent> events);

    /**
     * Whether a record's events must be delivered one after the other. A listener that reads the record's current
     * state anyway (rather than the event's payload) does not need it, and then gets a record's events in one batch.
     */
    default boolean ordered() {
        return true;
    }

    /**
     * How far behind the listener is, told by the dispatcher after each batch it delivered: the age of the batch's
     * oldest event on its first try when it was claimed, plus the time the batch took; zero when nothing was due and
     * after a batch that failed as a whole (the listener cannot take events now: nothing to catch up with).
     */
    default void lag(Duration lag) {}

    /**
     * How many threads deliver to an unordered listener at once, each claiming batches of its own: while one waits for
     * its bulk request, the next batch is read; and on a busy machine each thread is one more share of the CPU.
     */
    default int workers() {
        return 1;
    }

    @Override
    default void onEvent(DomainEvent event) {
        Map<Long, String> failed = onEvents(List.of(event));
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.get(event.id()));
        }
    }
}

package org.openchance.server.event;

import java.util.Map;
import java.util.UUID;
import org.openchance.server.support.AfterCommit;
import org.openchance.store.event.Outbox;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes domain events into the {@link Outbox}, in the caller's transaction: the event exists exactly when the change
 * does. The dispatcher is woken after commit.
 */
@Component
public class DomainEvents {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final Outbox outbox;
    private final EventDispatcher dispatcher;

    DomainEvents(Outbox outbox, EventDispatcher dispatcher) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
    }

    /** @return the event's id */
    public long publish(String type, String aggregateType, UUID aggregateId, Map<String, ?> payload) {
        long id = outbox.publish(type, aggregateType, aggregateId, JSON.writeValueAsString(payload));
        AfterCommit.run(dispatcher::wake);
        return id;
    }
}

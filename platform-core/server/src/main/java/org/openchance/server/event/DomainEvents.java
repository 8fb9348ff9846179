package org.openchance.server.event;

import java.util.Map;
import java.util.UUID;
import org.openchance.server.support.AfterCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes domain events into the outbox, in the caller's transaction: the event exists exactly when the change does.
 * Each subscribed listener gets a pending delivery in the same statement; the dispatcher is woken after commit.
 */
@Component
public class DomainEvents {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcTemplate jdbc;
    private final EventDispatcher dispatcher;

    DomainEvents(JdbcTemplate jdbc, EventDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
    }

    /** @return the event's id */
    public long publish(String type, String aggregateType, UUID aggregateId, Map<String, ?> payload) {
        Long id = jdbc.queryForObject("insert into domain_event (type, aggregate_type, aggregate_id, payload)"
                + " values (?, ?, ?, ?::jsonb) returning id", Long.class, type, aggregateType, aggregateId,
                JSON.writeValueAsString(payload));
        jdbc.update("insert into event_pending (listener, event_id, aggregate_id) select listener, ?, ? from event_subscription",
                id, aggregateId);
        AfterCommit.run(dispatcher::wake);
        return id;
    }
}

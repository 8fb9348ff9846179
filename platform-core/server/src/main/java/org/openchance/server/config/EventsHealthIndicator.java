package org.openchance.server.config;

import org.openchance.server.event.EventDispatcher;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The event backlog in health ("events"): deliveries waiting, dead letters, age of the oldest waiting event. */
@Component("events")
class EventsHealthIndicator implements HealthIndicator {

    private final EventDispatcher dispatcher;

    EventsHealthIndicator(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Health health() {
        return Health.up().withDetails(dispatcher.backlog()).build();
    }
}

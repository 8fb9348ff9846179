package org.openchance.server.config;

import java.util.Map;
import org.openchance.search.SearchConnection;
import org.openchance.search.SearchHealth;
import org.openchance.server.event.EventDispatcher;
import org.openchance.server.search.SearchIndexListener;
import org.openchance.server.search.SearchIndicesOnStart;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "search": is Elasticsearch usable, and how far behind is the index? While
 * changes the index gave up on (its dead letters) wait to be replayed, the status is {@code OUT_OF_STEP}: the index
 * differs from PostgreSQL until an admin runs {@code replayDeadLetters(input: { listener: "search-index" })}. Not DOWN:
 * the dead letters are in the shared database, so DOWN would take every server of a cluster out of its load balancer
 * at once, for something a server restart cannot fix (the overall status stays UP, see application.properties).
 */
@Component("search")
class SearchHealthIndicator implements HealthIndicator {

    /** Usable, but missing changes it gave up on: see the class comment. */
    static final String OUT_OF_STEP = "OUT_OF_STEP";

    private final SearchConnection search;
    private final EventDispatcher events;
    private final SearchIndicesOnStart indices;

    SearchHealthIndicator(SearchConnection search, EventDispatcher events, SearchIndicesOnStart indices) {
        this.search = search;
        this.events = events;
        this.indices = indices;
    }

    @Override
    public Health health() {
        SearchHealth health = search.health();
        Map<String, Object> backlog = events.backlog(SearchIndexListener.NAME);
        long lost = ((Number) backlog.getOrDefault("deadLetters", 0)).longValue();
        Health.Builder builder = !health.usable() ? Health.down() : lost > 0 ? Health.status(OUT_OF_STEP) : Health.up();
        builder.withDetail("url", search.url().toString()).withDetail("status", health.status());
        if (health.clusterName() != null) {
            builder.withDetail("cluster", health.clusterName()).withDetail("nodes", health.nodes());
        }
        // the index lags PostgreSQL by the changes still waiting in the outbox (it grows while Elasticsearch is down)
        builder.withDetail("index", backlog);
        if (lost > 0) {
            builder.withDetail(
                    "outOfStep",
                    lost + " changes never reached the index: fix the cause, then replayDeadLetters(input: { listener:"
                            + " \"search-index\" })");
        }
        builder.withDetail("indicesReady", indices.ready()); // created, filled and on today's mapping since the start
        if (health.error() != null) {
            builder.withDetail("error", health.error());
        }
        return builder.build();
    }
}

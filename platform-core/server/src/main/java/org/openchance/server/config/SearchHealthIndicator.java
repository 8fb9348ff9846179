package org.openchance.server.config;

import org.openchance.search.SearchConnection;
import org.openchance.search.SearchHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "search": is Elasticsearch usable? */
@Component("search")
class SearchHealthIndicator implements HealthIndicator {

    private final SearchConnection search;

    SearchHealthIndicator(SearchConnection search) {
        this.search = search;
    }

    @Override
    public Health health() {
        SearchHealth health = search.health();
        Health.Builder builder = health.usable() ? Health.up() : Health.down();
        builder.withDetail("url", search.url().toString()).withDetail("status", health.status());
        if (health.clusterName() != null) {
            builder.withDetail("cluster", health.clusterName()).withDetail("nodes", health.nodes());
        }
        if (health.error() != null) {
            builder.withDetail("error", health.error());
        }
        return builder.build();
    }
}

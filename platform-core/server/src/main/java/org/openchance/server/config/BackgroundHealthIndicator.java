package org.openchance.server.config;

import org.openchance.server.scoring.ScoreKeeper;
import org.openchance.server.search.SearchIndicesOnStart;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the server is still busy with work of its own in the background (filling empty search indices, rescoring
 * after a strategy changed). Informational: the server answers meanwhile, only slower. Benchmarks wait for it.
 */
@Component("background")
class BackgroundHealthIndicator implements HealthIndicator {

    private final ScoreKeeper scoreKeeper;
    private final SearchIndicesOnStart indices;

    BackgroundHealthIndicator(ScoreKeeper scoreKeeper, SearchIndicesOnStart indices) {
        this.scoreKeeper = scoreKeeper;
        this.indices = indices;
    }

    @Override
    public Health health() {
        boolean filling = !indices.ready();
        boolean sweeping = scoreKeeper.sweeping();
        return Health.up()
                .withDetail("busy", filling || sweeping)
                .withDetail("searchIndicesFilling", filling)
                .withDetail("scoreSweepRunning", sweeping)
                .build();
    }
}

package org.openchance.plugins.faultyscoring;

import java.util.List;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.osgi.service.component.annotations.Component;

/** Takes ten seconds for every score: longer than any sensible time budget. */
@Component(service = ScoringStrategy.class, property = ScoringStrategy.ID + "=test-sleeps")
public class SleepingScoring implements ScoringStrategy {

    @Override
    public String name() {
        return "Sleeps (test)";
    }

    @Override
    public Score score(OpportunitySnapshot opportunity) {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Score(50, List.of());
    }
}

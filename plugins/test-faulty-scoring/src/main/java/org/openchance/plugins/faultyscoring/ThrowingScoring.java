package org.openchance.plugins.faultyscoring;

import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.osgi.service.component.annotations.Component;

/** Fails every time. */
@Component(service = ScoringStrategy.class, property = ScoringStrategy.ID + "=test-throws")
public class ThrowingScoring implements ScoringStrategy {

    @Override
    public String name() {
        return "Throws (test)";
    }

    @Override
    public Score score(OpportunitySnapshot opportunity) {
        throw new IllegalStateException("broken on purpose");
    }
}

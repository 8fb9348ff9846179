package org.openchance.api.scoring;

import java.util.List;

/** A score from 0 to 100 and the contributions it is made of. */
public record Score(double value, List<Contribution> contributions) {

    public Score {
        if (Double.isNaN(value) || value < 0 || value > 100) {
            throw new IllegalArgumentException("A score is between 0 and 100, not " + value);
        }
        contributions = List.copyOf(contributions);
    }
}

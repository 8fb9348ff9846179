package org.openchance.api.scoring;

import org.openchance.api.model.OpportunitySnapshot;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to score opportunities, registered as an OSGi service by a plugin with its id in the service property
 * {@link #ID}, e.g. {@code @Component(service = ScoringStrategy.class, property = ScoringStrategy.ID + "=acme-fit")}.
 * The host calls it with a time budget; an exception or a timeout becomes an error of that plugin's score only, and a
 * strategy that keeps failing is switched off. A second strategy with an id already in use is refused.
 */
@ConsumerType
public interface ScoringStrategy {

    /**
     * The service property with the strategy's id: stable and unique, e.g. {@code criteria} or {@code acme-fit};
     * scores are stored and ordered under it.
     */
    String ID = "openchance.scoring.strategy";

    /** For people. */
    String name();

    Score score(OpportunitySnapshot opportunity);

    /**
     * Changes whenever the same opportunity could now get another score (a new scorecard version, a retrained model).
     * The host keeps every opportunity's score for ordering lists and recomputes the ones scored under an older
     * revision in the background. A strategy whose scores only depend on the opportunity keeps the default.
     */
    default String revision() {
        return "1";
    }
}

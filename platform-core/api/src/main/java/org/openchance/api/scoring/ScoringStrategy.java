package org.openchance.api.scoring;

import org.openchance.api.model.OpportunitySnapshot;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to score opportunities, registered as an OSGi service by a plugin. The host calls it with a time budget;
 * an exception or a timeout becomes an error of that plugin's score only, and a strategy that keeps failing is
 * switched off.
 */
@ConsumerType
public interface ScoringStrategy {

    /** Stable and unique, e.g. {@code criteria} or {@code acme-fit}: scores are stored and ordered under it. */
    String id();

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

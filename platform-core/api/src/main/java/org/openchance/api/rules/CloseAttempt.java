package org.openchance.api.rules;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A close as it was asked for.
 *
 * @param opportunityId the deal's record id
 * @param outcome {@code WON} or {@code LOST}
 * @param reasons the reasons given (possibly none)
 * @param winningCompetitorId what the user named as the winner of a lost deal, as given: a Competitor ID, a name, or
 *     one of {@code NO_DECISION}, {@code UNKNOWN}, {@code NONE}; null when none was named
 */
public record CloseAttempt(UUID opportunityId, String outcome, List<String> reasons, String winningCompetitorId) {

    public CloseAttempt {
        Objects.requireNonNull(opportunityId, "opportunityId");
        Objects.requireNonNull(outcome, "outcome");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}

package org.openchance.api.rules;

import java.util.Objects;

/**
 * Why a close is refused.
 *
 * @param field the input field it is about, as named in {@code CloseOpportunityInput} (e.g. {@code winningCompetitorId})
 * @param message what is wrong, for the user
 */
public record CloseProblem(String field, String message) {

    public CloseProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}

package org.openchance.server.graphql;

/**
 * An expected failure of a mutation, returned as data.
 *
 * @param field the input field concerned, e.g. {@code input.amount.currency}; null for the whole input
 */
public record UserError(String code, String message, String field) {

    public static final String VALIDATION = "VALIDATION";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String VERSION_CONFLICT = "VERSION_CONFLICT";
    public static final String INVALID_TRANSITION = "INVALID_TRANSITION";
    public static final String FORBIDDEN = "FORBIDDEN";

    public static UserError validation(String field, String message) {
        return new UserError(VALIDATION, message, field);
    }

    public static UserError notFound(String field, String what) {
        return new UserError(NOT_FOUND, what + " not found", field);
    }
}

package org.openchance.server.graphql;

import java.util.List;

/**
 * Thrown inside a transactional service method when a mutation cannot be done: the transaction rolls back (nothing
 * is written) and {@link Mutations} turns the errors into the payload.
 */
public class UserErrorException extends RuntimeException {

    private final transient List<UserError> errors;

    public UserErrorException(List<UserError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public UserErrorException(UserError error) {
        this(List.of(error));
    }

    public List<UserError> errors() {
        return errors;
    }
}

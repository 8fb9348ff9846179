package org.openchance.server.security;

/** An operation the caller's roles or scopes do not allow: a GraphQL error with code FORBIDDEN. */
public final class OperationDeniedException extends RuntimeException {

    public OperationDeniedException(String message) {
        super(message);
    }
}

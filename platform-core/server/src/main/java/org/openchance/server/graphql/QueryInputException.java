package org.openchance.server.graphql;

/**
 * A query argument that cannot be served (too large a page, a foreign cursor). Becomes a GraphQL error with
 * {@code extensions.code = VALIDATION} and the argument's name; queries have no payload to carry it.
 */
public class QueryInputException extends RuntimeException {

    private final String argument;

    public QueryInputException(String argument, String message) {
        super(argument + " " + message);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}

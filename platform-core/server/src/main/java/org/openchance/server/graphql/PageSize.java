package org.openchance.server.graphql;

/** The {@code first} argument of every connection: 20 when left out, at most 100, never silently clamped. */
public final class PageSize {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageSize() {}

    public static int of(Integer first) {
        if (first == null) {
            return DEFAULT;
        }
        if (first < 0 || first > MAX) {
            throw new QueryInputException("first", "must be between 0 and " + MAX + ", was " + first);
        }
        return first;
    }
}

package org.openchance.server.graphql;

/** The API's update rule: a field left out of an update input (null) keeps its current value. */
public final class PartialUpdate {

    private PartialUpdate() {}

    public static <T> T orCurrent(T given, T current) {
        return given != null ? given : current;
    }
}

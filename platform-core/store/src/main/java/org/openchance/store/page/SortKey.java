package org.openchance.store.page;

/**
 * One column of a keyset ordering.
 *
 * @param expression SQL expression of the sort value (trusted: comes from our enums, never from input)
 * @param type       how its values travel in a cursor
 */
public record SortKey(String expression, ValueType type, boolean descending) {

    public enum ValueType {
        DATE,
        DECIMAL,
        INTEGER,
        TIMESTAMP,
        TEXT,
        UUID
    }

    /** The record's id: the last key of every ordering, so that the order is total. */
    public static SortKey id(boolean descending) {
        return new SortKey("id", ValueType.UUID, descending);
    }
}

package org.openchance.store.page;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keyset pagination ("seek method"): the page after a row is found by comparing sort values, never by OFFSET, so a
 * page costs the same at row 10 and at row 100,000 and rows inserted meanwhile do not shift pages. Sort values may
 * be null; nulls come last in either direction. The last key is always the row id, which makes the order total.
 */
public final class Keyset {

    private Keyset() {}

    /** {@code order by ...} for the keys (the last key should be the id). */
    public static String orderBy(List<SortKey> keys) {
        List<String> parts = new ArrayList<>();
        for (SortKey key : keys) {
            parts.add(key.expression() + (key.descending() ? " desc" : " asc") + " nulls last");
        }
        return String.join(", ", parts);
    }

    /** The select list of the sort values, aliased {@code k0, k1, ...}. */
    public static String sortColumns(List<SortKey> keys) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parts.add(keys.get(i).expression() + " as k" + i);
        }
        return String.join(", ", parts);
    }

    /**
     * The condition "comes after the row with sort values {@code after}", binding parameters {@code a0, a1, ...}
     * into {@code params}.
     */
    public static String after(List<SortKey> keys, List<Object> after, Map<String, Object> params) {
        return after(keys, after, params, 0);
    }

    private static String after(List<SortKey> keys, List<Object> values, Map<String, Object> params, int i) {
        SortKey key = keys.get(i);
        Object value = values.get(i);
        String column = key.expression();
        String param = ":a" + i;
        if (value != null) {
            params.put("a" + i, value);
        }
        // Strictly after at this key; nulls sort last, so after a value come the greater values and every null.
        String strictly = value == null
                ? "false"
                : "(" + column + (key.descending() ? " < " : " > ") + param + " or " + column + " is null)";
        if (i == keys.size() - 1) {
            return strictly;
        }
        String equal = value == null ? column + " is null" : column + " = " + param;
        return "(" + strictly + " or (" + equal + " and " + after(keys, values, params, i + 1) + "))";
    }

    /** Reads the sort values {@code k0, k1, ...} of the current row. */
    public static List<Object> read(ResultSet rs, List<SortKey> keys) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String column = "k" + i;
            values.add(
                    switch (keys.get(i).type()) {
                        case DATE -> rs.getObject(column, LocalDate.class);
                        case DECIMAL -> rs.getBigDecimal(column);
                        case INTEGER -> (Integer) rs.getObject(column);
                        case TIMESTAMP -> rs.getObject(column, OffsetDateTime.class);
                        case TEXT -> rs.getString(column);
                        case UUID -> rs.getObject(column, UUID.class);
                    });
        }
        return values;
    }

    /** A sort value as text, for a cursor; null stays null. */
    public static String format(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value == null ? null : value.toString();
    }

    /** A sort value from a cursor's text. Throws {@link IllegalArgumentException} when it is not of the type. */
    public static Object parse(SortKey.ValueType type, String text) {
        if (text == null) {
            return null;
        }
        try {
            return switch (type) {
                case DATE -> LocalDate.parse(text);
                case DECIMAL -> new BigDecimal(text);
                case INTEGER -> Integer.valueOf(text);
                case TIMESTAMP -> OffsetDateTime.parse(text);
                case TEXT -> text;
                case UUID -> UUID.fromString(text);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a " + type + ": " + text, e);
        }
    }
}

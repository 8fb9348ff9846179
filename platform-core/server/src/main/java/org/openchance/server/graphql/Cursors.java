package org.openchance.server.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque cursors: the sort values of a row (as text, null allowed) and the list they belong to, base64url-encoded.
 * A cursor of one list (or ordering) is refused by another.
 */
public final class Cursors {

    private static final char SEPARATOR = '\u001f';
    private static final String NULL = "\u0000";

    private Cursors() {}

    public static String encode(String list, List<String> values) {
        StringBuilder raw = new StringBuilder(list);
        for (String value : values) {
            raw.append(SEPARATOR).append(value == null ? NULL : value);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The values of a cursor made for {@code list}; a {@link QueryInputException} on argument {@code after} otherwise. */
    public static List<String> decode(String list, String cursor, int expectedValues) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = raw.split(String.valueOf(SEPARATOR), -1);
        if (!parts[0].equals(list) || parts.length != expectedValues + 1) {
            throw invalid();
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            values.add(parts[i].equals(NULL) ? null : parts[i]);
        }
        return values;
    }

    static QueryInputException invalid() {
        return new QueryInputException("after", "is not a cursor of this list and ordering");
    }
}

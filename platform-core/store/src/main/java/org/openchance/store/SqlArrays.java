package org.openchance.store;

import java.util.List;

/** PostgreSQL array literals: a list of any length as one parameter, and the form {@code cast(v as text[])} reads. */
public final class SqlArrays {

    private SqlArrays() {}

    /** The texts as an array literal, each quoted ({@code {"Price","Feature"}}). */
    public static String literal(List<String> values) {
        StringBuilder literal = new StringBuilder(values.size() * 40).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }
}

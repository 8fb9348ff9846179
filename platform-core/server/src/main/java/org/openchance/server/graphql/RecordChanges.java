package org.openchance.server.graphql;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What differs between two versions of one of the host's records (rows are Java records): each changed component
 * with its value before and after, as text. What an audit entry and a record's history show. Bookkeeping (id,
 * version, timestamps) is no change, and nothing that looks like a secret is ever shown.
 */
public final class RecordChanges {

    /** One changed field: its component name, and the values as text (null for none). */
    public record Change(String field, String oldValue, String newValue) {}

    /** Bookkeeping, and what the server derives or keeps for its background work: no one's change. */
    private static final Set<String> BOOKKEEPING =
            Set.of("id", "version", "createdAt", "updatedAt", "matchKey", "remindedAt", "dueFiredAt");

    private static final Pattern SECRET = Pattern.compile("(?i)password|secret|token|hash");

    private RecordChanges() {}

    /** The changed fields; none when either is missing or they are not two versions of the same kind of record. */
    public static List<Change> between(Object before, Object after) {
        if (!(before instanceof Record old) || !(after instanceof Record now) || old.getClass() != now.getClass()) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        for (RecordComponent component : old.getClass().getRecordComponents()) {
            String name = component.getName();
            if (BOOKKEEPING.contains(name) || SECRET.matcher(name).find()) {
                continue;
            }
            Object was = RecordIds.component(old, component);
            Object is = RecordIds.component(now, component);
            if (!same(was, is)) {
                changes.add(new Change(name, text(was), text(is)));
            }
        }
        return changes;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0; // 1000 and 1000.00 are the same amount
        }
        if (a instanceof Object[] x && b instanceof Object[] y) {
            return Arrays.deepEquals(x, y);
        }
        return Objects.equals(a, b);
    }

    /** A value as text: amounts without trailing zeros, lists comma-separated, the rest as Java prints it (ISO). */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Object[] array) {
            return String.join(",", Arrays.stream(array).map(String::valueOf).toList());
        }
        return value.toString();
    }
}

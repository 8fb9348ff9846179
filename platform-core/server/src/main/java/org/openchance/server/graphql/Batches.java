package org.openchance.server.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The body of a to-one {@code @BatchMapping}: one statement for the rows a whole page of parents points to. */
public final class Batches {

    private Batches() {}

    /**
     * For each parent, the row its key points to. Parents without a key, or whose row is gone, are left out (the
     * field resolves to null); no statement at all when no parent has a key.
     */
    public static <P, R> Map<P, R> byKey(
            List<P> parents, Function<P, UUID> key, Function<List<UUID>, List<R>> load, Function<R, UUID> idOf) {
        List<UUID> keys =
                parents.stream().map(key).filter(Objects::nonNull).distinct().toList();
        Map<UUID, R> rows = keys.isEmpty()
                ? Map.of()
                : load.apply(keys).stream().collect(Collectors.toMap(idOf, Function.identity()));
        Map<P, R> result = new HashMap<>();
        for (P parent : parents) {
            UUID k = key.apply(parent);
            R row = k == null ? null : rows.get(k);
            if (row != null) {
                result.put(parent, row);
            }
        }
        return result;
    }
}

package org.openchance.server.graphql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.openchance.store.page.Keyset;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.PageRows;
import org.openchance.store.page.SortKey;

/** From {@code first}/{@code after} to a keyset page request, and from the page's rows to a connection. */
public final class Pages {

    private Pages() {}

    /**
     * @param list names the list and its ordering; a cursor of another list is refused
     */
    public static PageRequest request(String list, List<SortKey> keys, Integer first, String after) {
        int limit = PageSize.of(first);
        if (after == null) {
            return new PageRequest(keys, null, limit);
        }
        List<String> text = Cursors.decode(list, after, keys.size());
        List<Object> values = new ArrayList<>();
        try {
            for (int i = 0; i < keys.size(); i++) {
                values.add(Keyset.parse(keys.get(i).type(), text.get(i)));
            }
        } catch (IllegalArgumentException e) {
            throw Cursors.invalid();
        }
        return new PageRequest(keys, values, limit);
    }

    /**
     * The first pages of many parents' lists (read together, {@code FilteredList.firstPages}), their rows loaded in
     * one statement for all: a connection per parent, empty for a parent without rows; {@code counts} null when the
     * response does not ask for them.
     */
    public static <R> Map<UUID, Connection<R>> firstPages(
            String list,
            PageRequest request,
            Collection<UUID> parents,
            Map<UUID, PageRows> rowsOf,
            Map<UUID, Long> counts,
            Function<List<UUID>, List<R>> load,
            Function<R, UUID> idOf) {
        List<UUID> ids = rowsOf.values().stream().flatMap(r -> r.ids().stream()).toList();
        Map<UUID, R> rows = new HashMap<>();
        for (R row : ids.isEmpty() ? List.<R>of() : load.apply(ids)) {
            rows.put(idOf.apply(row), row);
        }
        Map<UUID, Connection<R>> connections = new HashMap<>();
        for (UUID parent : parents) {
            long count = counts == null ? 0 : counts.getOrDefault(parent, 0L);
            connections.put(
                    parent,
                    connection(
                            list,
                            request,
                            rowsOf.getOrDefault(parent, new PageRows(List.of(), List.of(), false)),
                            of -> of.stream()
                                    .map(rows::get)
                                    .filter(Objects::nonNull)
                                    .toList(),
                            idOf,
                            () -> count));
        }
        return connections;
    }

    /** Loads the page's rows by id (one statement) and keeps the page's order. */
    public static <R> Connection<R> connection(
            String list,
            PageRequest request,
            PageRows rows,
            Function<List<UUID>, List<R>> load,
            Function<R, UUID> idOf,
            LongSupplier totalCount) {
        Map<UUID, R> byId = new HashMap<>();
        for (R row : rows.ids().isEmpty() ? List.<R>of() : load.apply(rows.ids())) {
            byId.put(idOf.apply(row), row);
        }
        List<Connection.Edge<R>> edges = new ArrayList<>();
        for (int i = 0; i < rows.ids().size(); i++) {
            R row = byId.get(rows.ids().get(i));
            if (row != null) { // deleted between the two statements
                List<String> values =
                        rows.sortValues().get(i).stream().map(Keyset::format).toList();
                edges.add(new Connection.Edge<>(Cursors.encode(list, values), row));
            }
        }
        return new Connection<>(edges, rows.hasNext(), request.after() != null, totalCount);
    }
}

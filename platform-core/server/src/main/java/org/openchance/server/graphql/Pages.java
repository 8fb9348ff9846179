package org.openchance.server.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.openchance.store.page.FilteredList;
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
     * A data loader's batch of first pages ({@code K}: a parent and the page it asks for): the keys of one shape
     * ({@code shape} drops the parent) are read together by {@code read}, with their parents.
     */
    public static <K, R> Map<K, Connection<R>> byShape(
            Set<K> keys,
            Function<K, K> shape,
            Function<K, UUID> parent,
            BiFunction<K, List<UUID>, Map<UUID, Connection<R>>> read) {
        Map<K, Connection<R>> connections = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(shape)).forEach((pageShape, pages) -> {
            Map<UUID, Connection<R>> byParent =
                    read.apply(pageShape, pages.stream().map(parent).toList());
            pages.forEach(page -> connections.put(page, byParent.get(parent.apply(page))));
        });
        return connections;
    }

    /**
     * The first pages of many parents' lists, read together: ids ({@code FilteredList.firstPages} by
     * {@code parentColumn}), counts when {@code counted}, and the rows of all of them in one statement each; a
     * connection per parent, empty for a parent without rows.
     */
    public static <F, R> Map<UUID, Connection<R>> firstPages(
            String list,
            PageRequest request,
            FilteredList<F> query,
            F filter,
            String parentColumn,
            List<UUID> parents,
            boolean counted,
            Function<List<UUID>, List<R>> load,
            Function<R, UUID> idOf) {
        return firstPages(
                list,
                request,
                parents,
                query.firstPages(filter, parentColumn, parents, request),
                counted ? query.counts(filter, parentColumn, parents) : Map.of(),
                load,
                idOf);
    }

    /**
     * A connection per parent from first pages read together ({@code rowsOf}, {@code counts}: by parent, those without
     * rows left out), the rows of all of them loaded in one statement.
     */
    public static <R> Map<UUID, Connection<R>> firstPages(
            String list,
            PageRequest request,
            List<UUID> parents,
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
            long count = counts.getOrDefault(parent, 0L);
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

package org.openchance.server.graphql;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A Relay connection. {@code totalCount} is computed only when a client asks for it.
 */
public final class Connection<T> {

    public record Edge<T>(String cursor, T node) {}

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    private final List<Edge<T>> edges;
    private final PageInfo pageInfo;
    private final LongSupplier totalCount;

    public Connection(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage, LongSupplier totalCount) {
        this.edges = edges;
        this.pageInfo = new PageInfo(
                hasNextPage,
                hasPreviousPage,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        this.totalCount = totalCount;
    }

    public List<Edge<T>> edges() {
        return edges;
    }

    public PageInfo pageInfo() {
        return pageInfo;
    }

    public long totalCount() {
        return totalCount.getAsLong();
    }
}

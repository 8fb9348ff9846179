package org.openchance.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool, with PostgreSQL's {@code statement_timeout} set on the connections handed to a request's thread (marked
 * by {@link #asRequest}) and none on the others: PostgreSQL cancels a request's statement that runs longer, and the
 * connection goes back idle, nothing keeps running in the database; background work (events, indexing, rescoring,
 * migrations) is not bounded. A request as a whole has a bound too: a connection taken by it gets at most the time the
 * request has left, and one asked for after that is refused (both with SQL state 57014, query_canceled), so a request
 * of many short reads ends as well. (The bound is set when a connection is taken: the statements of one transaction
 * share what was left when it began.) The setting is made on a connection only when it changes hands between the two kinds
 * of work, so almost every checkout costs nothing. A connection first seen is taken to have PostgreSQL's default
 * (none, unless the role or database sets one); behind a pooler in transaction mode (PgBouncer) a session setting does
 * not hold: there, set {@code statement_timeout} on the pooler's side instead.
 */
public final class RequestStatementTimeouts extends DelegatingDataSource {

    /** When this thread's request began ({@link System#nanoTime}); absent: not a request's work. */
    private static final ThreadLocal<Long> REQUEST_START = new ThreadLocal<>();

    private final long requestMillis;
    private final long totalMillis;
    /** The timeout set on each physical connection (absent: PostgreSQL's default, none). */
    private final Map<Connection, Long> set = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param requestMillis what one statement of a request may take
     * @param totalMillis what all statements of a request may take together
     */
    public RequestStatementTimeouts(DataSource pool, long requestMillis, long totalMillis) {
        super(pool);
        this.requestMillis = requestMillis;
        this.totalMillis = totalMillis;
    }

    /** The bean wrapped if it is a pool (for a bean post-processor that wraps every data source), else itself. */
    public static Object wrapIfPool(Object bean, long requestMillis, long totalMillis) {
        return bean instanceof DataSource pool && !(bean instanceof RequestStatementTimeouts)
                ? new RequestStatementTimeouts(pool, requestMillis, totalMillis)
                : bean;
    }

    /** A request whose statements are bounded one by one, not together. */
    private static final long NO_TOTAL = Long.MIN_VALUE;

    /** Marks this thread's work as a request's, from now until the scope is closed: its statements are bounded. */
    public static Scope request() {
        return scope(System.nanoTime());
    }

    /**
     * As {@link #request()}, but only each statement is bounded, not all together: for a request whose clock would
     * run while its body still arrives (an upload over a slow line).
     */
    public static Scope statementsOnly() {
        return scope(NO_TOTAL);
    }

    /**
     * Runs {@code work} as background work though a request asked for it (an admin's scan of every record, which takes
     * longer than a request may): its statements are not bounded.
     */
    public static <T, E extends Exception> T unbounded(Work<T, E> work) throws E {
        Long before = REQUEST_START.get();
        REQUEST_START.remove();
        try {
            return work.run();
        } finally {
            if (before != null) {
                REQUEST_START.set(before);
            }
        }
    }

    /** Work that may throw a checked exception. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private static Scope scope(Long start) {
        Long before = REQUEST_START.get();
        REQUEST_START.set(start);
        return () -> {
            if (before == null) {
                REQUEST_START.remove();
            } else {
                REQUEST_START.set(before);
            }
        };
    }

    /**
     * The call, taking this thread's mark along to the thread that will run it (a plugin call runs on the plugin host's
     * own threads, but for the request).
     */
    public static <T> Callable<T> carry(Callable<T> call) {
        Long start = REQUEST_START.get();
        if (start == null) {
            return call;
        }
        return () -> {
            try (Scope request = scope(start)) { // the request's time, not a new one
                return call.call();
            }
        };
    }

    /** Runs {@code work} as a request's work. */
    public static <T> T asRequest(Supplier<T> work) {
        try (Scope request = request()) {
            return work.get();
        }
    }

    /** A request's work on this thread, until closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public Connection getConnection() throws SQLException {
        wanted(); // a request out of time is refused before it waits for a connection
        return timed(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        wanted();
        return timed(super.getConnection(username, password));
    }

    /**
     * The statement timeout this thread's next connection gets: 0 (none) outside a request; in one, the statement
     * bound, lowered to what the request has left (0 for either setting: no such bound).
     *
     * @throws SQLException query_canceled when the request has no time left
     */
    private long wanted() throws SQLException {
        Long start = REQUEST_START.get();
        if (start == null) {
            return 0;
        }
        if (start == NO_TOTAL || totalMillis <= 0) {
            return requestMillis;
        }
        long left = totalMillis - (System.nanoTime() - start) / 1_000_000;
        if (left <= 0) {
            throw new SQLException(
                    "The request ran past its time limit of " + totalMillis + " ms", "57014"); // query_canceled
        }
        // a lower value only in a request's last stretch: then it is set on every checkout
        return requestMillis <= 0 ? left : Math.min(requestMillis, left);
    }

    private Connection timed(Connection connection) throws SQLException {
        long wanted;
        try {
            wanted = wanted();
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        try {
            Connection physical =
                    connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class) : connection;
            if (set.getOrDefault(physical, 0L) != wanted) {
                try (Statement s = physical.createStatement()) { // the driver's own: not one of the request's
                    s.execute("set statement_timeout = " + wanted);
                }
                set.put(physical, wanted);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}

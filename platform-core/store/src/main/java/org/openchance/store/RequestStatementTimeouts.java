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
 * migrations) is not bounded. The setting is made on a connection only when it changes hands between the two kinds
 * of work, so almost every checkout costs nothing. A connection first seen is taken to have PostgreSQL's default
 * (none, unless the role or database sets one); behind a pooler in transaction mode (PgBouncer) a session setting does
 * not hold: there, set {@code statement_timeout} on the pooler's side instead.
 */
public final class RequestStatementTimeouts extends DelegatingDataSource {

    private static final ThreadLocal<Boolean> IN_REQUEST = new ThreadLocal<>();

    private final long requestMillis;
    /** The timeout set on each physical connection (absent: PostgreSQL's default, none). */
    private final Map<Connection, Long> set = Collections.synchronizedMap(new WeakHashMap<>());

    public RequestStatementTimeouts(DataSource pool, long requestMillis) {
        super(pool);
        this.requestMillis = requestMillis;
    }

    /** The bean wrapped if it is a pool (for a bean post-processor that wraps every data source), else itself. */
    public static Object wrapIfPool(Object bean, long requestMillis) {
        return bean instanceof DataSource pool && !(bean instanceof RequestStatementTimeouts)
                ? new RequestStatementTimeouts(pool, requestMillis)
                : bean;
    }

    /** Marks this thread's work as a request's until the scope is closed: its statements end at the timeout. */
    public static Scope request() {
        Boolean before = IN_REQUEST.get();
        IN_REQUEST.set(Boolean.TRUE);
        return () -> {
            if (before == null) {
                IN_REQUEST.remove();
            } else {
                IN_REQUEST.set(before);
            }
        };
    }

    /**
     * The call, taking this thread's mark along to the thread that will run it (a plugin call runs on the plugin host's
     * own threads, but for the request).
     */
    public static <T> Callable<T> carry(Callable<T> call) {
        if (!Boolean.TRUE.equals(IN_REQUEST.get())) {
            return call;
        }
        return () -> {
            try (Scope request = request()) {
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
        return timed(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return timed(super.getConnection(username, password));
    }

    private Connection timed(Connection connection) throws SQLException {
        long wanted = Boolean.TRUE.equals(IN_REQUEST.get()) ? requestMillis : 0;
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

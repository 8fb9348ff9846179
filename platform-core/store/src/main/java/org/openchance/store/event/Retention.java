package org.openchance.store.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * Removes what the outbox no longer needs, in batches of short transactions: webhook deliveries older than their
 * retention, dead letters of old events, the subscriptions (and waiting deliveries) of listeners that have not claimed
 * anything for long, and events older than their retention that nothing waits for. One server at a time (a PostgreSQL
 * advisory lock held on the sweep's connection); another server's sweep meanwhile does nothing.
 */
public final class Retention {

    /** The advisory lock's key: "openchance-retention". */
    private static final long LOCK = 0x6f63_7265_7465_6e74L;

    /** What a sweep removed; {@code ran} is false when another server was sweeping. */
    public record Removed(boolean ran, long events, long deliveries, long deadLetters, List<String> listeners) {

        public long total() {
            return events + deliveries + deadLetters + listeners.size();
        }
    }

    /** The cut-offs: what is older goes. */
    public record Cutoffs(Instant events, Instant deliveries, Instant deadLetters, Instant abandonedListeners) {}

    private final DataSource dataSource;
    private final int batch;

    public Retention(DataSource dataSource, int batch) {
        this.dataSource = dataSource;
        this.batch = batch;
    }

    /** @param keep listeners never removed, whatever their last claim (those running on this server) */
    public Removed sweep(Cutoffs cutoffs, Collection<String> keep) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(true);
            if (!lock(db, "select pg_try_advisory_lock(?)")) {
                return new Removed(false, 0, 0, 0, List.of());
            }
            try {
                long deliveries = repeat(
                        db,
                        "delete from webhook_delivery where id in (select id from webhook_delivery"
                                + " where attempted_at < ? limit ?)",
                        cutoffs.deliveries());
                long deadLetters = repeat(
                        db,
                        "delete from event_pending where (listener, event_id) in (select"
                                + " p.listener, p.event_id from event_pending p join domain_event e on e.id = p.event_id"
                                + " where p.dead and e.occurred_at < ? limit ?)",
                        cutoffs.deadLetters());
                List<String> listeners = abandoned(db, cutoffs.abandonedListeners(), keep);
                for (String listener : listeners) {
                    repeat(
                            db,
                            "delete from event_pending where (listener, event_id) in (select listener, event_id"
                                    + " from event_pending where listener = ? limit ?)",
                            listener);
                    try (PreparedStatement s = db.prepareStatement(
                            "delete from event_subscription where listener = ? and last_claimed_at < ?")) {
                        s.setString(1, listener);
                        s.setTimestamp(2, Timestamp.from(cutoffs.abandonedListeners()));
                        s.executeUpdate();
                    }
                }
                // an event goes with its deliveries' records, once nothing waits for it (the foreign keys are checked
                // at the end of the statement)
                long events = repeat(
                        db,
                        "with gone as (select e.id from domain_event e where e.occurred_at < ?"
                                + " and not exists (select 1 from event_pending p where p.event_id = e.id) order by e.id limit ?),"
                                + " deliveries as (delete from webhook_delivery where event_id in (select id from gone))"
                                + " delete from domain_event where id in (select id from gone)",
                        cutoffs.events());
                return new Removed(true, events, deliveries, deadLetters, listeners);
            } finally {
                lock(db, "select pg_advisory_unlock(?)");
            }
        }
    }

    private static boolean lock(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setLong(1, LOCK);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Runs a batch delete (parameters: a cut-off or a listener, then the batch size) until a batch removes less than a
     * batch.
     */
    private long repeat(Connection db, String sql, Object first) throws SQLException {
        long total = 0;
        try (PreparedStatement s = db.prepareStatement(sql)) {
            if (first instanceof Instant cutoff) {
                s.setTimestamp(1, Timestamp.from(cutoff));
            } else {
                s.setString(1, (String) first);
            }
            s.setInt(2, batch);
            int removed;
            do {
                removed = s.executeUpdate();
                total += removed;
            } while (removed == batch);
        }
        return total;
    }

    private static List<String> abandoned(Connection db, Instant cutoff, Collection<String> keep) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(
                "select listener from event_subscription where last_claimed_at < ? and not (listener = any(?))"
                        + " order by listener")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            s.setArray(2, db.createArrayOf("text", keep.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}

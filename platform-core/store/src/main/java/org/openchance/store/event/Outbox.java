package org.openchance.store.event;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactional outbox: domain events, the listeners subscribed to them, and each listener's pending deliveries.
 *
 * <p>An event is written in the caller's transaction with one pending delivery per subscribed listener, so it exists
 * exactly when the change does. Deliveries are <em>claimed</em> rather than held locked: a claim moves the delivery's
 * next attempt a lease ahead and commits at once, so no transaction stays open while a listener works (a slow webhook
 * never holds a pool connection). Another server skips a claimed delivery until its lease runs out; one whose server
 * died is taken up again then.
 */
public final class Outbox {

    /**
     * A delivery claimed for a listener: the event, how often it was tried before, and how old it was when claimed
     * (by the database's clock, as {@code occurredAt}: no skew against the server's).
     */
    public record Delivery(
            long eventId,
            String type,
            String aggregateType,
            UUID aggregateId,
            Instant occurredAt,
            String payload,
            int attempts,
            long ageMillis) {}

    public record DeadLetter(
            String listener,
            long eventId,
            String type,
            String aggregateType,
            UUID aggregateId,
            int attempts,
            String lastError) {}

    /** Deliveries waiting, dead letters, and how old the oldest waiting event is. */
    public record Backlog(long pending, long deadLetters, double lagSeconds) {}

    private static final long STAMP_EVERY_NANOS = 60_000_000_000L;

    private final JdbcTemplate jdbc;
    private final java.util.Map<String, Long> claimsStamped = new java.util.concurrent.ConcurrentHashMap<>();

    public Outbox(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Writes the event and a pending delivery for every subscribed listener; returns the event's id. */
    public long publish(String type, String aggregateType, UUID aggregateId, String payloadJson) {
        Long id = jdbc.queryForObject(
                "insert into domain_event (type, aggregate_type, aggregate_id, payload)"
                        + " values (?, ?, ?, ?::jsonb) returning id",
                Long.class,
                type,
                aggregateType,
                aggregateId,
                payloadJson);
        jdbc.update("""
                insert into event_pending (listener, event_id, aggregate_id)
                select listener, ?, ? from event_subscription
                where event_types is null
                   or exists (select 1 from unnest(event_types) t
                              where t = ? or (t like '%.*' and starts_with(?, left(t, -1))))""", id, aggregateId, type, type);
        return id;
    }

    /**
     * From now on every new event of these types ({@code opportunity.closed_won}, or {@code opportunity.*} for all that
     * start with {@code opportunity.}; empty: of every type) is pending for this listener too. Replaces the types of an
     * earlier subscription; what is pending for it already stays.
     */
    public void subscribe(String listener, List<String> types) {
        jdbc.update("""
                insert into event_subscription (listener, event_types) values (?, ?)
                on conflict (listener) do update set event_types = excluded.event_types""", listener, types.isEmpty() ? null : types.toArray(String[]::new));
    }

    /** The listener gets no more events; what was pending for it is dropped. */
    public void unsubscribe(String listener) {
        jdbc.update("delete from event_pending where listener = ?", listener);
        jdbc.update("delete from event_subscription where listener = ?", listener);
    }

    /**
     * Claims up to {@code limit} due deliveries of the listener, oldest first, for {@code lease}; commits on its own
     * (call it outside a transaction). With {@code ordered}, a delivery waits while an earlier one of the same record is
     * pending for the listener (claimed or not), so a record's events arrive in order.
     */
    public List<Delivery> claim(String listener, int limit, boolean ordered, Duration lease) {
        stampClaim(listener);
        return jdbc.query(
                """
                with due as (
                    select p.listener, p.event_id from event_pending p
                    where p.listener = ? and not p.dead and p.next_attempt_at <= now()
                """ + (ordered ? """
                      and not exists (select 1 from event_pending q where q.listener = p.listener
                                      and q.aggregate_id = p.aggregate_id and not q.dead and q.event_id < p.event_id)
                """ : "") + """
                    order by p.event_id limit ?
                    for update of p skip locked),
                claimed as (
                    update event_pending p set next_attempt_at = now() + make_interval(secs => ?)
                    from due where p.listener = due.listener and p.event_id = due.event_id
                    returning p.event_id, p.attempts)
                select c.event_id, c.attempts, e.type, e.aggregate_type, e.aggregate_id, e.occurred_at,
                       e.payload::text as payload,
                       (extract(epoch from clock_timestamp() - e.occurred_at) * 1000)::bigint as age_millis
                from claimed c join domain_event e on e.id = c.event_id
                order by c.event_id""",
                (rs, i) -> new Delivery(
                        rs.getLong("event_id"),
                        rs.getString("type"),
                        rs.getString("aggregate_type"),
                        rs.getObject("aggregate_id", UUID.class),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("payload"),
                        rs.getInt("attempts"),
                        rs.getLong("age_millis")),
                listener,
                limit,
                lease.toMillis() / 1000.0);
    }

    /**
     * Notes that the listener is alive (claims), at most once a minute per listener and server: retention removes the
     * subscriptions of listeners that stopped claiming long ago.
     */
    private void stampClaim(String listener) {
        long now = System.nanoTime();
        Long last = claimsStamped.get(listener);
        if (last == null || now - last > STAMP_EVERY_NANOS) {
            claimsStamped.put(listener, now);
            jdbc.update("update event_subscription set last_claimed_at = now() where listener = ?", listener);
        }
    }

    /** Keeps claimed deliveries for another {@code lease} (a listener still at work on them). */
    public void extend(String listener, Collection<Long> eventIds, Duration lease) {
        if (!eventIds.isEmpty()) {
            jdbc.update(
                    "update event_pending set next_attempt_at = now() + make_interval(secs => ?)"
                            + " where listener = ? and event_id = any(?) and not dead",
                    lease.toMillis() / 1000.0,
                    listener,
                    eventIds.toArray(Long[]::new));
        }
    }

    /** The listener is done with these events. */
    public void done(String listener, Collection<Long> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.update(
                    "delete from event_pending where listener = ? and event_id = any(?)",
                    listener,
                    eventIds.toArray(Long[]::new));
        }
    }

    /** Tries these deliveries again at {@code at}, without counting a try: the listener could not be reached. */
    public void postpone(String listener, Collection<Long> eventIds, Instant at, String reason) {
        jdbc.update(
                "update event_pending set next_attempt_at = ?, last_error = ? where listener = ? and event_id = any(?)",
                Timestamp.from(at),
                reason,
                listener,
                eventIds.toArray(Long[]::new));
    }

    /** Records a failed try: the next one at {@code next}, or none when {@code dead} (a dead letter). */
    public void failed(String listener, long eventId, int attempts, Instant next, String error, boolean dead) {
        jdbc.update(
                "update event_pending set attempts = ?, next_attempt_at = ?, last_error = ?, dead = ?"
                        + " where listener = ? and event_id = ?",
                attempts,
                Timestamp.from(next),
                error,
                dead,
                listener,
                eventId);
    }

    /**
     * Dead letters back to waiting for delivery, due now, their tries counted from zero: those of {@code listener}
     * (null: of every listener) and of {@code eventIds} (null: every event). Returns how many.
     */
    public int replay(String listener, Collection<Long> eventIds) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "update event_pending set dead = false, attempts = 0, next_attempt_at = now(), last_error = null"
                        + " where dead");
        if (listener != null) {
            sql.append(" and listener = ?");
            args.add(listener);
        }
        if (eventIds != null) {
            sql.append(" and event_id = any(?)");
            args.add(eventIds.toArray(Long[]::new));
        }
        return jdbc.update(sql.toString(), args.toArray());
    }

    /** Dead letters, newest first, for operators. */
    public List<DeadLetter> deadLetters(int limit) {
        return jdbc.query(
                """
                select p.listener, p.event_id, e.type, e.aggregate_type, e.aggregate_id, p.attempts, p.last_error
                from event_pending p join domain_event e on e.id = p.event_id
                where p.dead order by p.event_id desc limit ?""",
                (rs, i) -> new DeadLetter(
                        rs.getString("listener"),
                        rs.getLong("event_id"),
                        rs.getString("type"),
                        rs.getString("aggregate_type"),
                        rs.getObject("aggregate_id", UUID.class),
                        rs.getInt("attempts"),
                        rs.getString("last_error")),
                limit);
    }

    /** The backlog of one listener (null: of all). */
    public Backlog backlog(String listener) {
        return jdbc.queryForObject(
                """
                select count(*) filter (where not p.dead) as pending, count(*) filter (where p.dead) as dead,
                       coalesce(extract(epoch from now() - min(e.occurred_at) filter (where not p.dead)), 0) as lag_seconds
                from event_pending p join domain_event e on e.id = p.event_id
                where ?::text is null or p.listener = ?""",
                (rs, i) -> new Backlog(rs.getLong("pending"), rs.getLong("dead"), rs.getDouble("lag_seconds")),
                listener,
                listener);
    }
}

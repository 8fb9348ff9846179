package org.openchance.server.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openchance.api.event.DomainEvent;
import org.openchance.api.event.DomainEventListener;
import org.openchance.server.support.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers pending events to the listeners of this server, after commit, at least once and in order per record.
 * Deliveries are claimed with {@code FOR UPDATE SKIP LOCKED}, so several servers share the work without doing it
 * twice. A failing delivery is retried with exponential backoff; after the last try it stays as a dead letter
 * (visible in {@code deadLetters} and in health), and the record's later events go on. A failing listener never
 * holds up another one: each listener has a worker thread of its own.
 */
@Component
public class EventDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int BATCH = 100;
    /** A batch listener turns a batch into one request (a bulk write): larger batches keep up with more writes. */
    private static final int BULK_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, DomainEventListener> listeners = new ConcurrentHashMap<>();
    /** One worker thread per listener: a slow listener (webhooks waiting for HTTP) never delays another (search). */
    private final Map<String, BackgroundWorker> workers = new ConcurrentHashMap<>();
    private final Duration pollInterval;
    private volatile boolean running;
    private final Duration retryBase;
    private final int maxAttempts;
    private final Duration unavailableRetry;

    EventDispatcher(JdbcTemplate jdbc, TransactionTemplate transactions, List<DomainEventListener> beans,
                    @Value("${openchance.events.poll-interval:1s}") Duration pollInterval,
                    @Value("${openchance.events.retry-base:1s}") Duration retryBase,
                    @Value("${openchance.events.max-attempts:8}") int maxAttempts,
                    @Value("${openchance.events.unavailable-retry:2s}") Duration unavailableRetry) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.pollInterval = pollInterval;
        this.retryBase = retryBase;
        this.maxAttempts = maxAttempts;
        this.unavailableRetry = unavailableRetry;
        beans.forEach(this::register);
    }

    /** Subscribes a listener (from now on every new event is pending for it) and delivers to it on this server. */
    public synchronized void register(DomainEventListener listener) {
        jdbc.update("insert into event_subscription (listener) values (?) on conflict do nothing", listener.name());
        listeners.put(listener.name(), listener);
        BackgroundWorker worker = new BackgroundWorker("openchance-events-" + listener.name(), pollInterval,
                () -> dispatchPending(listener));
        BackgroundWorker previous = workers.put(listener.name(), worker);
        if (previous != null) {
            previous.stop();
        }
        if (running) {
            worker.start();
        }
    }

    /** Stops delivering to the listener on this server; its pending events wait for it (or another server). */
    public synchronized void unregister(String name) {
        listeners.remove(name);
        BackgroundWorker worker = workers.remove(name);
        if (worker != null) {
            worker.stop();
        }
    }

    /** Deliver now rather than at the next poll. */
    public void wake() {
        workers.values().forEach(BackgroundWorker::wake);
    }

    /** Every listener's due deliveries, one listener after the other; returns how many were tried. For tests. */
    public int dispatchPending() {
        int tried = 0;
        for (DomainEventListener listener : listeners.values()) {
            tried += dispatchPending(listener);
        }
        return tried;
    }

    /** One listener's due deliveries, batch after batch; returns how many were tried. */
    private int dispatchPending(DomainEventListener listener) {
        int tried = 0;
        int round;
        int batch = listener instanceof BatchEventListener ? BULK_BATCH : BATCH;
        do {
            round = transactions.execute(status -> dispatch(listener, batch));
            tried += round;
        } while (round == batch);
        return tried;
    }

    /** One batch of one listener's due deliveries, each the oldest pending one of its record. */
    private int dispatch(DomainEventListener listener, int batchSize) {
        boolean ordered = !(listener instanceof BatchEventListener batch) || batch.ordered();
        List<Pending> due = jdbc.query("""
                select p.event_id, p.attempts, e.type, e.aggregate_type, e.aggregate_id, e.occurred_at, e.payload::text as payload
                from event_pending p join domain_event e on e.id = p.event_id
                where p.listener = ? and not p.dead and p.next_attempt_at <= now()
                """ + (ordered ? """
                  and not exists (select 1 from event_pending q where q.listener = p.listener
                                  and q.aggregate_id = p.aggregate_id and not q.dead and q.event_id < p.event_id)
                """ : "") + """
                order by p.event_id limit ?
                for update of p skip locked""",
                (rs, i) -> new Pending(new DomainEvent(rs.getLong("event_id"), rs.getString("type"),
                        rs.getString("aggregate_type"), rs.getObject("aggregate_id", UUID.class),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("payload")), rs.getInt("attempts")),
                listener.name(), batchSize);
        if (listener instanceof BatchEventListener batch && !due.isEmpty()) {
            Map<Long, String> failures;
            try {
                failures = batch.onEvents(due.stream().map(Pending::event).toList());
            } catch (ListenerUnavailableException e) {
                jdbc.update("update event_pending set next_attempt_at = ?, last_error = ? where listener = ? and event_id = any(?)",
                        java.sql.Timestamp.from(Instant.now().plus(unavailableRetry)), String.valueOf(e), listener.name(),
                        due.stream().map(p -> p.event().id()).toArray(Long[]::new));
                log.debug("Listener {} unavailable, {} events wait: {}", listener.name(), due.size(), e.toString());
                return 0;
            } catch (RuntimeException | LinkageError e) {
                failures = new java.util.HashMap<>();
                for (Pending pending : due) {
                    failures.put(pending.event().id(), String.valueOf(e));
                }
            }
            List<Long> done = new ArrayList<>();
            for (Pending pending : due) {
                String error = failures.get(pending.event().id());
                if (error == null) {
                    done.add(pending.event().id());
                } else {
                    failed(listener, pending, error);
                }
            }
            jdbc.update("delete from event_pending where listener = ? and event_id = any(?)", listener.name(),
                    done.toArray(Long[]::new));
            return due.size();
        }
        Set<UUID> failedRecords = new HashSet<>();
        for (Pending pending : due) {
            DomainEvent event = pending.event();
            if (failedRecords.contains(event.aggregateId())) {
                continue; // an earlier event of this record just failed: keep the order
            }
            try {
                listener.onEvent(event);
                done(listener, event);
            } catch (Exception | LinkageError e) {
                if (!failed(listener, pending, String.valueOf(e))) {
                    failedRecords.add(event.aggregateId());
                }
            }
        }
        return due.size();
    }

    private void done(DomainEventListener listener, DomainEvent event) {
        jdbc.update("delete from event_pending where listener = ? and event_id = ?", listener.name(), event.id());
    }

    /** Schedules the next try, or keeps the delivery as a dead letter after the last; returns whether it is dead. */
    private boolean failed(DomainEventListener listener, Pending pending, String error) {
        DomainEvent event = pending.event();
        int attempts = pending.attempts() + 1;
        boolean dead = attempts >= maxAttempts;
        Instant next = Instant.now().plus(retryBase.multipliedBy(1L << Math.min(attempts - 1, 16)));
        jdbc.update("update event_pending set attempts = ?, next_attempt_at = ?, last_error = ?, dead = ?"
                + " where listener = ? and event_id = ?", attempts, java.sql.Timestamp.from(next),
                error, dead, listener.name(), event.id());
        if (dead) {
            log.error("Event {} ({}) is a dead letter for listener {} after {} tries: {}", event.id(),
                    event.type(), listener.name(), attempts, error);
        } else {
            log.warn("Listener {} failed on event {} ({}), try {} of {}: {}", listener.name(), event.id(),
                    event.type(), attempts, maxAttempts, error);
        }
        return dead;
    }

    private record Pending(DomainEvent event, int attempts) {
    }

    @Override
    public synchronized void start() {
        running = true;
        workers.values().forEach(BackgroundWorker::start);
    }

    @Override
    public synchronized void stop() {
        running = false;
        workers.values().forEach(BackgroundWorker::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Dead letters, newest first, for operators. */
    public List<DeadLetter> deadLetters(int limit) {
        return jdbc.query("""
                select p.listener, p.event_id, e.type, e.aggregate_type, e.aggregate_id, p.attempts, p.last_error
                from event_pending p join domain_event e on e.id = p.event_id
                where p.dead order by p.event_id desc limit ?""",
                (rs, i) -> new DeadLetter(rs.getString("listener"), rs.getLong("event_id"), rs.getString("type"),
                        rs.getString("aggregate_type"), rs.getObject("aggregate_id", UUID.class), rs.getInt("attempts"),
                        rs.getString("last_error")), limit);
    }

    public record DeadLetter(String listener, long eventId, String type, String aggregateType, UUID aggregateId,
                             int attempts, String lastError) {
    }

    /** For health: deliveries waiting, dead letters, and how old the oldest waiting event is. */
    public Map<String, Object> backlog() {
        return backlog(null);
    }

    /** {@link #backlog()} of one listener (null: of all). */
    public Map<String, Object> backlog(String listener) {
        return jdbc.queryForObject("""
                select count(*) filter (where not p.dead) as pending, count(*) filter (where p.dead) as dead,
                       coalesce(extract(epoch from now() - min(e.occurred_at) filter (where not p.dead)), 0) as lag_seconds
                from event_pending p join domain_event e on e.id = p.event_id
                where ?::text is null or p.listener = ?""",
                (rs, i) -> Map.<String, Object>of("pending", rs.getLong("pending"), "deadLetters", rs.getLong("dead"),
                        "lagSeconds", rs.getDouble("lag_seconds")), listener, listener);
    }

    List<String> listenerNames() {
        return new ArrayList<>(listeners.keySet());
    }
}

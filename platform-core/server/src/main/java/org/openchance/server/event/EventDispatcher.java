package org.openchance.server.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openchance.api.event.DomainEvent;
import org.openchance.server.support.BackgroundWorker;
import org.openchance.store.event.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers pending events to the listeners of this server, after commit, at least once and in order per record.
 * Deliveries are claimed for a lease ({@link Outbox#claim}), so several servers share the work without doing it
 * twice, and no transaction is open while a listener works. A failing delivery is retried with exponential backoff; after the last try it stays as a dead letter
 * (visible in {@code deadLetters} and in health), and the record's later events go on. A failing listener never
 * holds up another one: each listener has worker threads of its own (one; an unordered batch listener may ask for
 * more).
 */
@Component
@DependsOnDatabaseInitialization // it subscribes its listeners as it is made: after Flyway's migrations, not before
public class EventDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int BATCH = 100;
    /** A batch listener turns a batch into one request (a bulk write): larger batches keep up with more writes. */
    private static final int BULK_BATCH = 500;
    /** How often a one-at-a-time listener's finished events are recorded while it works through a batch. */
    private static final long RECORD_DONE_EVERY_NANOS = 1_000_000_000L;

    private final Outbox outbox;
    private final Map<String, EventListener> listeners = new ConcurrentHashMap<>();
    /**
     * Worker threads per listener: a slow listener (webhooks waiting for HTTP) never delays another (search); an
     * unordered batch listener may have several, each claiming batches of its own.
     */
    private final Map<String, List<BackgroundWorker>> workers = new ConcurrentHashMap<>();

    private final Duration pollInterval;
    private volatile boolean running;
    private final Duration retryBase;
    private final int maxAttempts;
    private final Duration unavailableRetry;
    private final Duration claimLease;
    /**
     * How long a batch listener's events gather before its next round: every commit wakes the workers, and at a few
     * hundred writes a second rounds of a handful of events each cost a bulk request (and its fsync) apiece.
     */
    private final Duration batchGather;

    EventDispatcher(
            Outbox outbox,
            List<EventListener> beans,
            @Value("${openchance.events.poll-interval:1s}") Duration pollInterval,
            @Value("${openchance.events.retry-base:1s}") Duration retryBase,
            @Value("${openchance.events.max-attempts:8}") int maxAttempts,
            @Value("${openchance.events.unavailable-retry:2s}") Duration unavailableRetry,
            @Value("${openchance.events.claim-lease:60s}") Duration claimLease,
            @Value("${openchance.events.batch-gather:200ms}") Duration batchGather) {
        this.outbox = outbox;
        this.pollInterval = pollInterval;
        this.retryBase = retryBase;
        this.maxAttempts = maxAttempts;
        this.unavailableRetry = unavailableRetry;
        this.claimLease = claimLease;
        this.batchGather = batchGather;
        beans.forEach(this::register);
    }

    /**
     * Subscribes a listener (from now on every new event of its types is pending for it) and delivers to it on this
     * server.
     */
    public synchronized void register(EventListener listener) {
        outbox.subscribe(listener.name(), listener.eventTypes());
        listeners.put(listener.name(), listener);
        int count = listener instanceof BatchEventListener batch && !batch.ordered() ? Math.max(1, batch.workers()) : 1;
        List<BackgroundWorker> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            started.add(new BackgroundWorker(
                    "openchance-events-" + listener.name() + (count > 1 ? "-" + i : ""),
                    pollInterval,
                    listener instanceof BatchEventListener ? batchGather : Duration.ZERO,
                    () -> dispatchPending(listener)));
        }
        List<BackgroundWorker> previous = workers.put(listener.name(), started);
        if (previous != null) {
            previous.forEach(BackgroundWorker::stop);
        }
        if (running) {
            started.forEach(BackgroundWorker::start);
        }
    }

    /** Stops delivering to the listener on this server; its pending events wait for it (or another server). */
    public synchronized void unregister(String name) {
        listeners.remove(name);
        List<BackgroundWorker> stopped = workers.remove(name);
        if (stopped != null) {
            stopped.forEach(BackgroundWorker::stop);
        }
    }

    /**
     * Sends dead letters to their listeners again (of one listener or all, these events or all), from now on and with
     * a full set of tries; answers how many. The listeners get them as they get any late event: search reads the
     * record's current state, a webhook receives the old event with its number.
     */
    public int replay(String listener, Collection<Long> eventIds) {
        int replayed = outbox.replay(listener, eventIds);
        if (replayed > 0) {
            wake();
        }
        return replayed;
    }

    /**
     * Deliver now rather than at the next poll. Only a listener's first worker is woken: the others poll and go on
     * while batches come full, so that at a moderate rate two workers do not split each commit's events into two
     * half-size bulk requests.
     */
    public void wake() {
        workers.values().forEach(each -> each.get(0).wake());
    }

    /** Every listener's due deliveries, one listener after the other; returns how many were tried. For tests. */
    public int dispatchPending() {
        int tried = 0;
        for (EventListener listener : listeners.values()) {
            tried += dispatchPending(listener);
        }
        return tried;
    }

    /** One listener's due deliveries, batch after batch; returns how many were tried. */
    private int dispatchPending(EventListener listener) {
        int tried = 0;
        int round;
        int batch = listener instanceof BatchEventListener ? BULK_BATCH : BATCH;
        do {
            round = dispatch(listener, batch);
            tried += round;
            // a listener unregistered or registered anew meanwhile: its old workers stop taking batches for it
        } while (round == batch && listeners.get(listener.name()) == listener);
        return tried;
    }

    /**
     * One batch of one listener's due deliveries, each the oldest pending one of its record: claimed (and committed),
     * then delivered with no transaction open, then each result recorded.
     */
    private int dispatch(EventListener listener, int batchSize) {
        boolean ordered = !(listener instanceof BatchEventListener batch) || batch.ordered();
        long claimed = System.nanoTime();
        List<Outbox.Delivery> due = outbox.claim(listener.name(), batchSize, ordered, claimLease);
        if (due.isEmpty()) {
            if (listener instanceof BatchEventListener batch) {
                batch.lag(Duration.ZERO);
            }
            return 0;
        }
        if (listener instanceof BatchEventListener batch) {
            // retries and replayed dead letters keep their age: the lag is that of events on their first try
            long oldestMillis = due.stream()
                    .filter(delivery -> delivery.attempts() == 0)
                    .mapToLong(Outbox.Delivery::ageMillis)
                    .max()
                    .orElse(0);
            Map<Long, String> failures;
            try {
                failures =
                        batch.onEvents(due.stream().map(EventDispatcher::event).toList());
            } catch (ListenerUnavailableException e) {
                outbox.postpone(
                        listener.name(),
                        due.stream().map(Outbox.Delivery::eventId).toList(),
                        Instant.now().plus(unavailableRetry),
                        String.valueOf(e));
                log.debug("Listener {} unavailable, {} events wait: {}", listener.name(), due.size(), e.toString());
                batch.lag(Duration.ZERO);
                return 0;
            } catch (RuntimeException | LinkageError e) {
                failures = new HashMap<>();
                for (Outbox.Delivery delivery : due) {
                    failures.put(delivery.eventId(), String.valueOf(e));
                }
                oldestMillis = 0;
            }
            batch.lag(
                    oldestMillis == 0
                            ? Duration.ZERO
                            : Duration.ofMillis(oldestMillis).plusNanos(System.nanoTime() - claimed));
            List<Long> done = new ArrayList<>();
            for (Outbox.Delivery delivery : due) {
                String error = failures.get(delivery.eventId());
                if (error == null) {
                    done.add(delivery.eventId());
                } else {
                    failed(listener, delivery, error);
                }
            }
            outbox.done(listener.name(), done);
            return due.size();
        }
        // Claimed in order, each record at most once per batch (its later events wait for this one), so a failure
        // here never has a later event of its record behind it in the batch. What is done is recorded after the first
        // call that ends a second after the last record, and at the end: not a statement per event (a server that dies
        // in between sends those again).
        long leaseRenewedAt = System.nanoTime();
        List<Long> done = new ArrayList<>();
        long doneRecordedAt = System.nanoTime();
        try {
            for (int i = 0; i < due.size(); i++) {
                Outbox.Delivery delivery = due.get(i);
                if (System.nanoTime() - leaseRenewedAt > claimLease.toNanos() / 3) {
                    // a slow listener: keep the rest of the batch from being claimed by another server meanwhile (what
                    // is done is recorded first: it is not in the extension)
                    outbox.done(listener.name(), done);
                    done.clear();
                    outbox.extend(
                            listener.name(),
                            due.subList(i, due.size()).stream()
                                    .map(Outbox.Delivery::eventId)
                                    .toList(),
                            claimLease);
                    leaseRenewedAt = System.nanoTime();
                }
                try {
                    listener.onEvent(event(delivery));
                    done.add(delivery.eventId());
                } catch (ListenerUnavailableException e) {
                    // the listener cannot take events now (a plugin switched off): this one and the rest wait,
                    // uncounted
                    outbox.postpone(
                            listener.name(),
                            due.subList(i, due.size()).stream()
                                    .map(Outbox.Delivery::eventId)
                                    .toList(),
                            Instant.now().plus(unavailableRetry),
                            String.valueOf(e));
                    return i + 1;
                } catch (Exception | LinkageError e) {
                    failed(listener, delivery, String.valueOf(e));
                }
                if (System.nanoTime() - doneRecordedAt > RECORD_DONE_EVERY_NANOS) {
                    outbox.done(listener.name(), done);
                    done.clear();
                    doneRecordedAt = System.nanoTime();
                }
            }
            return due.size();
        } finally {
            outbox.done(listener.name(), done);
        }
    }

    private static DomainEvent event(Outbox.Delivery d) {
        return new DomainEvent(d.eventId(), d.type(), d.aggregateType(), d.aggregateId(), d.occurredAt(), d.payload());
    }

    /** Schedules the next try, or keeps the delivery as a dead letter after the last. */
    private void failed(EventListener listener, Outbox.Delivery delivery, String error) {
        int attempts = delivery.attempts() + 1;
        boolean dead = attempts >= maxAttempts;
        Instant next = Instant.now().plus(retryBase.multipliedBy(1L << Math.min(attempts - 1, 16)));
        outbox.failed(listener.name(), delivery.eventId(), attempts, next, error, dead);
        if (dead) {
            log.error(
                    "Event {} ({}) is a dead letter for listener {} after {} tries: {}",
                    delivery.eventId(),
                    delivery.type(),
                    listener.name(),
                    attempts,
                    error);
        } else {
            log.warn(
                    "Listener {} failed on event {} ({}), try {} of {}: {}",
                    listener.name(),
                    delivery.eventId(),
                    delivery.type(),
                    attempts,
                    maxAttempts,
                    error);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        workers.values().forEach(each -> each.forEach(BackgroundWorker::start));
    }

    @Override
    public synchronized void stop() {
        running = false;
        workers.values().forEach(each -> each.forEach(BackgroundWorker::stop));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Dead letters, newest first, for operators. */
    public List<Outbox.DeadLetter> deadLetters(int limit) {
        return outbox.deadLetters(limit);
    }

    /** For health: deliveries waiting, dead letters, and how old the oldest waiting event is. */
    public Map<String, Object> backlog() {
        return backlog(null);
    }

    /** {@link #backlog()} of one listener (null: of all). */
    public Map<String, Object> backlog(String listener) {
        Outbox.Backlog backlog = outbox.backlog(listener);
        return Map.of(
                "pending", backlog.pending(), "deadLetters", backlog.deadLetters(), "lagSeconds", backlog.lagSeconds());
    }

    /** The listeners delivered to on this server. */
    public List<String> listenerNames() {
        return new ArrayList<>(listeners.keySet());
    }
}

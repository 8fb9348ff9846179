package org.openchance.server.event;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.openchance.server.support.BackgroundWorker;
import org.openchance.store.event.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the outbox from growing forever: every {@code openchance.retention.interval} (1 hour; the first sweep after
 * {@code openchance.retention.initial-delay}, 10 minutes, so that listeners of plugins still starting are not taken for
 * gone) it removes webhook deliveries older than {@code webhook-deliveries} (30 days), dead letters of events older
 * than {@code dead-letters} (30 days), the subscriptions of listeners that have claimed nothing for
 * {@code abandoned-listeners} (30 days) with what waited for them, and events older than {@code events} (90 days) that
 * nothing waits for. With several servers, one sweeps at a time.
 */
@Component
public class RetentionJob implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;
    private final EventDispatcher dispatcher;
    private final Duration events;
    private final Duration deliveries;
    private final Duration deadLetters;
    private final Duration abandonedListeners;
    private final Instant firstSweep;
    private final BackgroundWorker worker;

    RetentionJob(
            Retention retention,
            EventDispatcher dispatcher,
            @Value("${openchance.retention.events:P90D}") Duration events,
            @Value("${openchance.retention.webhook-deliveries:P30D}") Duration deliveries,
            @Value("${openchance.retention.dead-letters:P30D}") Duration deadLetters,
            @Value("${openchance.retention.abandoned-listeners:P30D}") Duration abandonedListeners,
            @Value("${openchance.retention.interval:PT1H}") Duration interval,
            @Value("${openchance.retention.initial-delay:PT10M}") Duration initialDelay) {
        this.retention = retention;
        this.dispatcher = dispatcher;
        this.events = events;
        this.deliveries = deliveries;
        this.deadLetters = deadLetters;
        this.abandonedListeners = abandonedListeners;
        this.firstSweep = Instant.now().plus(initialDelay);
        this.worker = new BackgroundWorker("openchance-retention", interval, this::round);
    }

    private int round() {
        if (Instant.now().isBefore(firstSweep)) {
            return 0;
        }
        sweep();
        return 0; // one sweep removes everything due; the next comes after the interval
    }

    /** One sweep now; what it removed. */
    public Retention.Removed sweep() {
        Instant now = Instant.now();
        try {
            Retention.Removed removed = retention.sweep(
                    new Retention.Cutoffs(
                            now.minus(events),
                            now.minus(deliveries),
                            now.minus(deadLetters),
                            now.minus(abandonedListeners)),
                    dispatcher.listenerNames());
            if (removed.total() > 0) {
                LOG.info(
                        "Retention: removed {} events, {} webhook deliveries, {} dead letters, listeners {}",
                        removed.events(),
                        removed.deliveries(),
                        removed.deadLetters(),
                        removed.listeners());
            }
            return removed;
        } catch (SQLException e) {
            throw new IllegalStateException("the retention sweep failed", e);
        }
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}

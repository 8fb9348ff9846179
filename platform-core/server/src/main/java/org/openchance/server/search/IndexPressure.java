package org.openchance.server.search;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Backpressure from the search index to the writes: while the indexer reports that the events it takes are older than
 * the allowed lag, a write waits (at most {@code max-wait}) before it runs. On a busy machine the writes would
 * otherwise take the CPU the indexer needs and the index fall further behind for as long as the load lasts; this
 * way the writes slow down to what the index can follow. A report counts for a limited time only (an indexer that
 * stops reporting holds nobody up), and an unreachable Elasticsearch holds nobody up either: the outbox keeps the
 * events until it is back.
 */
@Component
public class IndexPressure {

    /** How long a report of "behind" holds without a newer one. */
    private static final long REPORT_VALID_NANOS = 30_000_000_000L;

    private final long allowedLagNanos;
    private final long maxWaitNanos;
    private final Object caughtUp = new Object();
    /** When the indexer last reported being behind (nanoTime); 0 once it reported being in time. */
    private volatile long behindSince;

    IndexPressure(
            @Value("${openchance.search.write-pressure.allowed-lag:1s}") Duration allowedLag,
            @Value("${openchance.search.write-pressure.max-wait:1s}") Duration maxWait) {
        if (allowedLag.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("openchance.search.write-pressure: durations must not be negative");
        }
        this.allowedLagNanos = allowedLag.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** The indexer's report: the oldest event of the batch it is at (or just finished) happened at {@code oldest}. */
    void report(Instant oldest) {
        long lagNanos = Duration.between(oldest, Instant.now()).toNanos();
        if (lagNanos > allowedLagNanos) {
            behindSince = System.nanoTime() | 1; // never 0
        } else {
            inTime();
        }
    }

    /** The indexer is in time, or cannot index at all (Elasticsearch unreachable): nobody waits. */
    void inTime() {
        behindSince = 0;
        synchronized (caughtUp) {
            caughtUp.notifyAll();
        }
    }

    /** Whether writes should wait now. */
    public boolean behind() {
        long since = behindSince;
        return since != 0 && System.nanoTime() - since < REPORT_VALID_NANOS;
    }

    /**
     * Waits while the index is behind, at most the configured time; returns how long it waited (nanoseconds).
     * Call it before a write's transaction, never inside one (it would hold a connection while it waits).
     */
    public long awaitIndex() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxWaitNanos;
        synchronized (caughtUp) {
            long left;
            while (behind() && (left = deadline - System.nanoTime()) > 0) {
                caughtUp.wait(Math.max(1, left / 1_000_000));
            }
        }
        return System.nanoTime() - start;
    }
}

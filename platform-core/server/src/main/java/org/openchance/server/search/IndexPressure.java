package org.openchance.server.search;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Backpressure from the search index to the writes: while the indexer's last batch was behind (its oldest event, on
 * its first try, older than the allowed lag by the time the batch was indexed), a write waits (at most
 * {@code max-wait}) before it runs. On a busy machine the writes would
 * otherwise take the CPU the indexer needs and the index fall further behind for as long as the load lasts; this
 * way the writes slow down to what the index can follow. A report counts for a limited time only (an indexer that
 * stops reporting holds nobody up), an empty claim or a batch that could not be indexed at all (Elasticsearch
 * unreachable: the outbox keeps the events until it is back) reports no lag, and at most {@code MAX_WAITING} writes
 * wait at once (the others go on: waiting writes must not take every request thread from the reads).
 */
@Component
public class IndexPressure {

    /** How long a report of "behind" holds without a newer one. */
    private static final long REPORT_VALID_NANOS = 30_000_000_000L;
    /** Writes that may wait at once; a quarter of Tomcat's 200 request threads. */
    static final int MAX_WAITING = 50;

    private final long allowedLagNanos;
    private final long maxWaitNanos;
    private final Object caughtUp = new Object();
    private final Semaphore waiting = new Semaphore(MAX_WAITING);
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

    /** The indexer's report after a batch: how far behind it was (zero: in time, or nothing to do). */
    void report(Duration lag) {
        if (lag.toNanos() > allowedLagNanos) {
            behindSince = System.nanoTime() | 1; // never 0
        } else {
            inTime();
        }
    }

    private void inTime() {
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
        if (!waiting.tryAcquire()) {
            return 0;
        }
        try {
            long deadline = start + maxWaitNanos;
            synchronized (caughtUp) {
                long left;
                while (behind() && (left = deadline - System.nanoTime()) > 0) {
                    caughtUp.wait(Math.max(1, left / 1_000_000));
                }
            }
        } finally {
            waiting.release();
        }
        return System.nanoTime() - start;
    }
}

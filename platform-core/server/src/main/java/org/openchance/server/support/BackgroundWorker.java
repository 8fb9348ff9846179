package org.openchance.server.support;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs rounds of work — again while a round did something (after the gather time, if any), else
 * after the interval or when woken — for as long as the application runs. A failing round is logged and retried
 * after the interval.
 */
public final class BackgroundWorker {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWorker.class);

    private final String name;
    private final Duration interval;
    private final IntSupplier round;
    private final Duration gather;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    /** Whether the last round found work (true until a first round found none): what health shows as busy. */
    private volatile boolean busy = true;

    /** @param round one round of work; returns how much it did (0: nothing to do) */
    public BackgroundWorker(String name, Duration interval, IntSupplier round) {
        this(name, interval, Duration.ZERO, round);
    }

    /**
     * @param gather how long work may gather after a round before the next starts, however often the worker is woken
     *     meanwhile: one larger round instead of many small ones when each round has a cost of its own (a bulk
     *     request)
     */
    public BackgroundWorker(String name, Duration interval, Duration gather, IntSupplier round) {
        this.name = name;
        this.interval = interval;
        this.gather = gather;
        this.round = round;
    }

    /** Run a round now rather than after the interval. */
    public void wake() {
        wakeUp.release();
    }

    public void start() {
        Thread worker = new Thread(this::run, name);
        worker.setDaemon(true);
        thread = worker;
        worker.start();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                while ((busy = round.getAsInt() > 0) && thread == Thread.currentThread()) {
                    // more may be waiting: a backlog goes out round after round
                    gather();
                }
                wakeUp.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                gather();
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("{} failed, trying again in {} ms: {}", name, interval.toMillis(), e.toString());
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void gather() throws InterruptedException {
        if (!gather.isZero()) {
            Thread.sleep(gather.toMillis());
        }
    }

    public void stop() {
        Thread worker = thread;
        thread = null;
        if (worker != null) {
            worker.interrupt();
        }
    }

    public boolean isRunning() {
        return thread != null;
    }

    /** Whether the worker is still at work: its last round found something to do, or it has not finished one yet. */
    public boolean busy() {
        return busy;
    }
}

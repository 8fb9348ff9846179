package org.openchance.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IndexPressureTest {

    private final IndexPressure pressure = new IndexPressure(Duration.ofSeconds(1), Duration.ofMillis(300));

    @Test
    void writesWaitOnlyWhileTheIndexerReportsEventsOlderThanTheAllowedLag() throws Exception {
        assertThat(pressure.behind()).as("no report yet").isFalse();
        assertThat(pressure.awaitIndex()).isLessThan(TimeUnit.MILLISECONDS.toNanos(50));

        pressure.report(Duration.ofMillis(500)); // within the allowed second
        assertThat(pressure.behind()).isFalse();

        pressure.report(Duration.ofSeconds(3));
        assertThat(pressure.behind()).isTrue();
        long waited = pressure.awaitIndex();
        assertThat(waited)
                .as("waits its most, then goes on")
                .isBetween(TimeUnit.MILLISECONDS.toNanos(290), TimeUnit.SECONDS.toNanos(2));

        pressure.report(Duration.ZERO); // caught up
        assertThat(pressure.behind()).isFalse();
    }

    @Test
    void aWaitingWriteGoesOnAsSoonAsTheIndexCatchesUpOrCannotBeReached() throws Exception {
        IndexPressure patient = new IndexPressure(Duration.ofSeconds(1), Duration.ofSeconds(20));
        patient.report(Duration.ofSeconds(5));
        CompletableFuture<Long> write = waitingWrite(patient, ForkJoinPool.commonPool());
        Thread.sleep(200);
        assertThat(write).as("still waiting while behind").isNotDone();
        patient.report(Duration.ofMillis(200));
        long waited = write.get(5, TimeUnit.SECONDS);
        assertThat(waited).isLessThan(TimeUnit.SECONDS.toNanos(5));

        patient.report(Duration.ofSeconds(5));
        CompletableFuture<Long> another = waitingWrite(patient, ForkJoinPool.commonPool());
        Thread.sleep(200);
        assertThat(another).isNotDone();
        patient.report(Duration.ZERO); // nothing due, or Elasticsearch unreachable: writes go on
        assertThat(another.get(5, TimeUnit.SECONDS)).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void atMostFiftyWritesWaitAtOnceTheOthersGoOn() throws Exception {
        IndexPressure patient = new IndexPressure(Duration.ofSeconds(1), Duration.ofSeconds(20));
        patient.report(Duration.ofSeconds(5));
        List<CompletableFuture<Long>> waiting = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(IndexPressure.MAX_WAITING);
        try {
            for (int i = 0; i < IndexPressure.MAX_WAITING; i++) {
                waiting.add(waitingWrite(patient, threads));
            }
            Thread.sleep(500);
            assertThat(waiting).as("all fifty wait").noneMatch(CompletableFuture::isDone);
            assertThat(patient.awaitIndex())
                    .as("the fifty-first goes on")
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
            patient.report(Duration.ZERO);
            for (CompletableFuture<Long> write : waiting) {
                assertThat(write.get(5, TimeUnit.SECONDS)).isLessThan(TimeUnit.SECONDS.toNanos(5));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** A write that waits for the index in a thread of the executor; done with how long it waited. */
    private static CompletableFuture<Long> waitingWrite(IndexPressure pressure, Executor executor) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return pressure.awaitIndex();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                },
                executor);
    }

    @Test
    void negativeDurationsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new IndexPressure(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write-pressure");
    }
}

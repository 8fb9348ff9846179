package org.openchance.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IndexPressureTest {

    private final IndexPressure pressure = new IndexPressure(Duration.ofSeconds(1), Duration.ofMillis(300));

    @Test
    void writesWaitOnlyWhileTheIndexerReportsEventsOlderThanTheAllowedLag() throws Exception {
        assertThat(pressure.behind()).as("no report yet").isFalse();
        assertThat(pressure.awaitIndex()).isLessThan(TimeUnit.MILLISECONDS.toNanos(50));

        pressure.report(Instant.now().minusMillis(500)); // within the allowed second
        assertThat(pressure.behind()).isFalse();

        pressure.report(Instant.now().minusSeconds(3));
        assertThat(pressure.behind()).isTrue();
        long waited = pressure.awaitIndex();
        assertThat(waited)
                .as("waits its most, then goes on")
                .isBetween(TimeUnit.MILLISECONDS.toNanos(290), TimeUnit.SECONDS.toNanos(2));

        pressure.report(Instant.now()); // caught up
        assertThat(pressure.behind()).isFalse();
    }

    @Test
    void aWaitingWriteGoesOnAsSoonAsTheIndexCatchesUpOrCannotBeReached() throws Exception {
        IndexPressure patient = new IndexPressure(Duration.ofSeconds(1), Duration.ofSeconds(20));
        patient.report(Instant.now().minusSeconds(5));
        CompletableFuture<Long> write = CompletableFuture.supplyAsync(() -> {
            try {
                return patient.awaitIndex();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(write).as("still waiting while behind").isNotDone();
        patient.report(Instant.now());
        long waited = write.get(5, TimeUnit.SECONDS);
        assertThat(waited).isLessThan(TimeUnit.SECONDS.toNanos(5));

        patient.report(Instant.now().minusSeconds(5));
        CompletableFuture<Long> another = CompletableFuture.supplyAsync(() -> {
            try {
                return patient.awaitIndex();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(another).isNotDone();
        patient.inTime(); // Elasticsearch unreachable: the outbox keeps the events, writes go on
        assertThat(another.get(5, TimeUnit.SECONDS)).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void negativeDurationsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new IndexPressure(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write-pressure");
    }
}

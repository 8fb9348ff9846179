package org.openchance.benchmark;

import org.HdrHistogram.Histogram;

/** Throughput and latency of one scenario by one driver. Latencies in microseconds. */
record Measurement(long requests, long errors, double seconds, Histogram latency) {

    static Histogram newHistogram() {
        return new Histogram(60_000_000L, 3); // up to a minute, 3 significant digits
    }

    double perSecond() {
        return requests / seconds;
    }

    double p50Millis() {
        return latency.getValueAtPercentile(50) / 1000.0;
    }

    double p99Millis() {
        return latency.getValueAtPercentile(99) / 1000.0;
    }
}

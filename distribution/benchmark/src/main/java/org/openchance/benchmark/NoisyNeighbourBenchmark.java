package org.openchance.benchmark;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What one noisy caller costs everyone else: a quiet client (one request at a time, its own user) alone, then beside
 * a noisy caller (another user's API key, many connections, as fast as the server answers); the quiet client's p95
 * in both phases, and what the noisy caller got (answers, THROTTLED). With the per-caller limit on, the quiet p95
 * should stay within 10 % of its baseline.
 */
@Command(name = "noisy-neighbour-benchmark", mixinStandardHelpOptions = true)
public final class NoisyNeighbourBenchmark implements Callable<Integer> {

    private static final String QUERY = "{\"query\":\"{ opportunities(first: 20, filter: { status: OPEN }) { edges"
            + " { node { id name amount { amount } owner { name } } } } }\"}";

    @Option(names = "--graphql", defaultValue = "http://localhost:18080/graphql")
    URI graphql;

    @Option(names = "--quiet-token", required = true, description = "The quiet client's bearer token.")
    String quietToken;

    @Option(names = "--noisy-token", required = true, description = "The noisy caller's bearer token (an API key).")
    String noisyToken;

    @Option(names = "--noisy-clients", defaultValue = "16")
    int noisyClients;

    @Option(
            names = "--quiet-rate",
            defaultValue = "20",
            description = "The quiet client's requests a second (a person's screen, well under the limit).")
    int quietRate;

    @Option(names = "--warm-up", defaultValue = "PT20S")
    Duration warmUp;

    @Option(names = "--duration", defaultValue = "PT30S", description = "Measured per phase.")
    Duration duration;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NoisyNeighbourBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        quiet(warmUp); // the server's JIT
        Histogram alone = quiet(duration);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong served = new AtomicLong();
        AtomicLong throttled = new AtomicLong();
        List<Thread> noisy = new ArrayList<>();
        for (int i = 0; i < noisyClients; i++) {
            Thread thread = new Thread(() -> hammer(stop, served, throttled), "noisy-" + i);
            thread.start();
            noisy.add(thread);
        }
        Thread.sleep(2_000); // the noisy caller's burst is spent
        served.set(0);
        throttled.set(0);
        Histogram beside = quiet(duration);
        stop.set(true);
        for (Thread thread : noisy) {
            thread.join();
        }
        double seconds = duration.toNanos() / 1e9;
        System.out.printf(
                "quiet client alone:         p50 %6.1f ms  p95 %6.1f ms  (%d requests)%n",
                alone.getValueAtPercentile(50) / 1000.0,
                alone.getValueAtPercentile(95) / 1000.0,
                alone.getTotalCount());
        System.out.printf(
                "beside the noisy caller:    p50 %6.1f ms  p95 %6.1f ms  (%d requests)%n",
                beside.getValueAtPercentile(50) / 1000.0,
                beside.getValueAtPercentile(95) / 1000.0,
                beside.getTotalCount());
        System.out.printf(
                "p95 ratio beside / alone:   %.2f%n",
                beside.getValueAtPercentile(95) / (double) alone.getValueAtPercentile(95));
        System.out.printf(
                "noisy caller (%d connections): %.0f answers/s, %.0f THROTTLED/s%n",
                noisyClients, served.get() / seconds, throttled.get() / seconds);
        return 0;
    }

    /** One request every 1/quietRate s (none waiting for another) for the given time; the latencies in µs. */
    private Histogram quiet(Duration time) throws Exception {
        Histogram histogram = Measurement.newHistogram();
        long interval = 1_000_000_000L / quietRate;
        long next = System.nanoTime();
        long end = next + time.toNanos();
        try (KeepAliveConnection connection = new KeepAliveConnection(graphql, quietToken)) {
            while (next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += interval;
                long sent = System.nanoTime();
                KeepAliveConnection.Response response = connection.post(QUERY.getBytes(StandardCharsets.UTF_8));
                if (response.status() != 200) {
                    throw new IllegalStateException(
                            "the quiet client got " + response.status() + ": " + response.body());
                }
                histogram.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            }
        }
        return histogram;
    }

    private void hammer(AtomicBoolean stop, AtomicLong served, AtomicLong throttled) {
        KeepAliveConnection connection = new KeepAliveConnection(graphql, noisyToken);
        try {
            while (!stop.get()) {
                int status =
                        connection.post(QUERY.getBytes(StandardCharsets.UTF_8)).status();
                (status == 429 ? throttled : served).incrementAndGet();
            }
        } catch (Exception e) {
            if (!stop.get()) {
                System.err.println("noisy client: " + e.getMessage());
            }
        } finally {
            try {
                connection.close();
            } catch (Exception ignored) {
                // gone anyway
            }
        }
    }
}

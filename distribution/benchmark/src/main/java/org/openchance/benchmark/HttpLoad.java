package org.openchance.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load over HTTP: each client sends the scenario's requests in turn over its own keep-alive connection,
 * the next one as soon as the answer is in, for a warm-up and then for the measured time. A response that is not 200, carries
 * GraphQL errors or lacks the expected id counts as an error.
 */
final class HttpLoad {

    private final URI endpoint;
    private final int clients;

    HttpLoad(URI endpoint, int clients) {
        this.endpoint = endpoint;
        this.clients = clients;
    }

    Measurement run(Scenario scenario, Duration warmUp, Duration measured) throws InterruptedException {
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Histogram histogram = Measurement.newHistogram();
            histograms.add(histogram);
            int offset = c * 7;
            Thread thread = new Thread(
                    () -> {
                        int i = offset;
                        KeepAliveConnection connection = new KeepAliveConnection(endpoint);
                        while (true) {
                            Scenario.Request request = scenario.requests()
                                    .get(i++ % scenario.requests().size());
                            long sent = System.nanoTime();
                            if (sent >= end) {
                                close(connection);
                                return;
                            }
                            boolean ok = send(connection, request);
                            long took = System.nanoTime() - sent;
                            if (sent >= measureFrom) {
                                requests.incrementAndGet();
                                histogram.recordValue(Math.max(1, took / 1000));
                                if (!ok) {
                                    errors.incrementAndGet();
                                }
                            }
                        }
                    },
                    "client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram all = Measurement.newHistogram();
        histograms.forEach(all::add);
        return new Measurement(requests.get(), errors.get(), measured.toNanos() / 1e9, all);
    }

    private static boolean send(KeepAliveConnection connection, Scenario.Request request) {
        try {
            KeepAliveConnection.Response response =
                    connection.post(request.body().getBytes(StandardCharsets.UTF_8));
            return response.status() == 200
                    && !response.body().contains("\"errors\"")
                    && response.body().contains(request.expected());
        } catch (IOException e) {
            close(connection); // the next request opens a new connection
            return false;
        }
    }

    private static void close(KeepAliveConnection connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

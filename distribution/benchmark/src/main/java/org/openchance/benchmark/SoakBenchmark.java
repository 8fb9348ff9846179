package org.openchance.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The catalogue's soak: first the capacity of an 80/20 mix (reads: one opportunity with account and team; writes: a
 * note logged on an opportunity) with closed-loop clients, then that mix at a share of it (60 % by default) at a
 * fixed rate for a long time (30 minutes by default). Per window: rate, p50 and p99 (from when each request was due,
 * so a stall counts in full), the outbox lag (age of the oldest undelivered event) and the database connections in
 * use; at the start and the end the server's heap after a full GC. What should hold: p99 stable, heap within ±5 %,
 * connections back to where they were, outbox lag p99 under 2 s.
 */
@Command(name = "soak-benchmark", mixinStandardHelpOptions = true)
public final class SoakBenchmark implements Callable<Integer> {

    @Option(names = "--graphql", defaultValue = "http://localhost:18080/graphql")
    URI graphql;

    @Option(names = "--db-url", required = true, description = "The server's database (for the lag and connections).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;

    @Option(names = "--server-pid", required = true, description = "The server's process (jcmd reads its heap).")
    long serverPid;

    @Option(names = "--clients", defaultValue = "8")
    int clients;

    @Option(
            names = "--share",
            defaultValue = "0.6",
            description = "Of the measured capacity. Default: ${DEFAULT-VALUE}.")
    double share;

    @Option(names = "--capacity-time", defaultValue = "PT60S", description = "Closed loop, after as much warm-up.")
    Duration capacityTime;

    @Option(names = "--duration", defaultValue = "PT30M")
    Duration duration;

    @Option(names = "--window", defaultValue = "PT5M", description = "One line of the table per window.")
    Duration window;

    @Option(names = "--requests", defaultValue = "2000", description = "Distinct opportunities.")
    int distinct;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SoakBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> reads;
        List<String> writes = new ArrayList<>();
        try (Connection db = Database.connect(dbUrl, dbUser)) {
            Scenario scenario = Workloads.opportunityWithAccountAndTeam(db, distinct);
            reads = scenario.requests().stream().map(Scenario.Request::body).toList();
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("select id from opportunity where deleted_at is null"
                            + " order by md5(id::text) limit " + distinct)) {
                while (rs.next()) {
                    String opportunity = Workloads.globalId("Opportunity", (java.util.UUID) rs.getObject(1));
                    writes.add("{\"query\":\"mutation($input: LogActivityInput!) { logActivity(input: $input)"
                            + " { activity { id } errors { code } } }\",\"variables\":{\"input\":{\"opportunityId\":\""
                            + opportunity + "\",\"type\":\"NOTE\",\"subject\":\"Soak note\",\"body\":"
                            + "\"Called back: they ask for a second offer with longer payment terms.\"}}}");
                }
            }
        }
        Mix mix = new Mix(reads, writes);

        closedLoop(mix, capacityTime); // warm-up: the JIT
        long served = closedLoop(mix, capacityTime);
        if (served == 0) {
            throw new IllegalStateException("no request was answered: is OPENCHANCE_TOKEN set, is the server up?");
        }
        double capacity = served / (capacityTime.toNanos() / 1e9);
        double rate = capacity * share;
        System.out.printf(
                "capacity of the 80/20 mix with %d clients: %.0f req/s; soak at %.0f %% = %.0f req/s for %d min%n",
                clients, capacity, share * 100, rate, duration.toMinutes());

        long heapBefore = heapAfterGc();
        int connectionsBefore = connectionsInUse();
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        List<Double> lags = Collections.synchronizedList(new ArrayList<>());
        List<Integer> connections = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> openLoop(mix, client, rate / clients, end, recorder, errors), "soak-" + c);
            thread.start();
            threads.add(thread);
        }
        System.out.printf(
                "%8s %9s %9s %9s %12s %12s %7s%n",
                "minute", "req/s", "p50 ms", "p99 ms", "lag p99 s", "db conns", "errors");
        Histogram all = new Histogram(3); // grows: a stall may take longer than any fixed bound
        List<Double> p99s = new ArrayList<>();
        long windowStart = start;
        while (System.nanoTime() < end) {
            long windowEnd = Math.min(end, windowStart + window.toNanos());
            List<Double> windowLags = new ArrayList<>();
            List<Integer> windowConnections = new ArrayList<>();
            while (System.nanoTime() < windowEnd) {
                Thread.sleep(2_000);
                double lag = outboxLagSeconds();
                int inUse = connectionsInUse();
                windowLags.add(lag);
                windowConnections.add(inUse);
                lags.add(lag);
                connections.add(inUse);
            }
            Histogram histogram = recorder.getIntervalHistogram();
            all.add(histogram);
            double seconds = (windowEnd - windowStart) / 1e9;
            double p99 = histogram.getValueAtPercentile(99) / 1000.0;
            p99s.add(p99);
            System.out.printf(
                    "%8.1f %9.1f %9.1f %9.1f %12.2f %12s %7d%n",
                    (windowEnd - start) / 60e9,
                    histogram.getTotalCount() / seconds,
                    histogram.getValueAtPercentile(50) / 1000.0,
                    p99,
                    percentile(windowLags, 99),
                    Collections.min(windowConnections) + "–" + Collections.max(windowConnections),
                    errors.get());
            windowStart = windowEnd;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        all.add(recorder.getIntervalHistogram()); // what was still in flight at the last window's end
        Thread.sleep(5_000); // the outbox drains, connections go back
        long heapAfter = heapAfterGc();
        int connectionsAfter = connectionsInUse();
        System.out.printf(
                "whole run: %d requests, p50 %.1f ms, p99 %.1f ms, %d errors%n",
                all.getTotalCount(),
                all.getValueAtPercentile(50) / 1000.0,
                all.getValueAtPercentile(99) / 1000.0,
                errors.get());
        System.out.printf(
                "p99 per window: first %.1f ms, last %.1f ms, highest %.1f ms%n",
                p99s.get(0), p99s.get(p99s.size() - 1), Collections.max(p99s));
        System.out.printf(
                "heap after full GC: %.1f MB before, %.1f MB after (%+.1f %%)%n",
                heapBefore / 1048576.0, heapAfter / 1048576.0, 100.0 * (heapAfter - heapBefore) / heapBefore);
        System.out.printf(
                "database connections in use: %d before, %d after (at most %d during)%n",
                connectionsBefore, connectionsAfter, Collections.max(connections));
        System.out.printf("outbox lag: p99 %.2f s, highest %.2f s%n", percentile(lags, 99), Collections.max(lags));
        return 0;
    }

    /** Reads and writes in the ratio 80/20, each client through them in its own order. */
    private record Mix(List<String> reads, List<String> writes) {

        String pick(Random random) {
            List<String> from = random.nextInt(5) == 0 ? writes : reads;
            return from.get(random.nextInt(from.size()));
        }
    }

    /** Every client as fast as answers come, for the given time; the requests answered. */
    private long closedLoop(Mix mix, Duration time) throws InterruptedException {
        AtomicLong answered = new AtomicLong();
        long end = System.nanoTime() + time.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            Thread thread = new Thread(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(graphql)) {
                    while (System.nanoTime() < end) {
                        if (ok(connection.post(mix.pick(random).getBytes(StandardCharsets.UTF_8)))) {
                            answered.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return answered.get();
    }

    /** One client at a fixed rate; a request's time runs from when it was due (a late start counts). */
    private void openLoop(Mix mix, int client, double perSecond, long end, Recorder recorder, AtomicLong errors) {
        Random random = new Random(1_000 + client);
        long interval = (long) (1e9 / perSecond);
        long due = System.nanoTime() + random.nextInt((int) Math.min(interval, Integer.MAX_VALUE));
        KeepAliveConnection connection = new KeepAliveConnection(graphql);
        try {
            while (due < end) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                boolean ok;
                try {
                    ok = ok(connection.post(mix.pick(random).getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) { // counted, and the next request on a new connection
                    ok = false;
                    connection.close();
                    connection = new KeepAliveConnection(graphql);
                }
                recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                if (!ok) {
                    errors.incrementAndGet();
                }
                due += interval;
            }
            connection.close();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean ok(KeepAliveConnection.Response response) {
        return response.status() == 200 && !response.body().contains("\"errors\":[{");
    }

    /** The age of the oldest event a listener still waits for (dead letters aside), in seconds. */
    private double outboxLagSeconds() throws SQLException {
        return queryDouble("select coalesce(extract(epoch from now() - min(e.occurred_at)), 0) from event_pending p"
                + " join domain_event e on e.id = p.event_id where not p.dead and p.next_attempt_at <= now()");
    }

    /** The server's connections that are running a statement or inside a transaction right now. */
    private int connectionsInUse() throws SQLException {
        return (int) queryDouble("select count(*) from pg_stat_activity where datname = current_database()"
                + " and pid <> pg_backend_pid() and state <> 'idle'");
    }

    private double queryDouble(String sql) throws SQLException {
        try (Connection db = Database.connect(dbUrl, dbUser);
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** The server's heap in use right after a full GC (jcmd), in bytes. */
    private long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info said: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jcmd = java.substring(0, java.lastIndexOf('/') + 1) + "jcmd";
        Process process = new ProcessBuilder(jcmd, String.valueOf(serverPid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private static double percentile(List<Double> values, double percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty()
                ? 0
                : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(percentile / 100 * sorted.size()) - 1));
    }
}

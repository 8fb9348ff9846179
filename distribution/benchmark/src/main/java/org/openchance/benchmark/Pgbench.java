package org.openchance.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The baseline: the scenario's SQL run directly by pgbench, with as many clients, prepared statements (as the JDBC
 * driver uses them), one transaction per request. Per-transaction latencies come from pgbench's log.
 */
final class Pgbench {

    /** pgbench takes at most 128 scripts. */
    private static final int MAX_SCRIPTS = 128;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final int clients;
    private final Path work;

    /** @param jdbcUrl jdbc:postgresql://host:port/database */
    Pgbench(String jdbcUrl, String user, int clients, Path work) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.database = uri.getPath().substring(1);
        this.user = user;
        this.clients = clients;
        this.work = work;
    }

    Measurement run(Scenario scenario, Duration warmUp, Duration measured) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory(work, "pgbench-");
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "-n",
                "-M",
                "prepared",
                "-h",
                host,
                "-p",
                String.valueOf(port),
                "-U",
                user,
                "-c",
                String.valueOf(clients),
                "-j",
                String.valueOf(Math.min(clients, 4)),
                "-T",
                String.valueOf(warmUp.plus(measured).toSeconds()),
                "-l",
                "--log-prefix",
                folder.resolve("log").toString()));
        List<Scenario.Request> requests = scenario.requests();
        for (int i = 0; i < Math.min(requests.size(), MAX_SCRIPTS); i++) {
            Path script = folder.resolve("request-" + i + ".sql");
            Files.writeString(script, "begin;\n" + requests.get(i).sql() + ";\ncommit;\n", StandardCharsets.UTF_8);
            command.addAll(List.of("-f", script + "@1"));
        }
        command.add(database);
        Process pgbench = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("output.txt").toFile())
                .start();
        if (!pgbench.waitFor(warmUp.plus(measured).toSeconds() + 60, TimeUnit.SECONDS) || pgbench.exitValue() != 0) {
            pgbench.destroyForcibly();
            throw new IllegalStateException("pgbench failed: " + Files.readString(folder.resolve("output.txt")));
        }
        return fromLogs(folder, warmUp, measured);
    }

    /** Log lines: client_id transaction_no time script_no time_epoch time_us (time in microseconds). */
    private static Measurement fromLogs(Path folder, Duration warmUp, Duration measured) throws IOException {
        List<long[]> transactions = new ArrayList<>(); // {end epoch micros, latency micros}
        try (Stream<Path> logs = Files.list(folder)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("log."))
                    .toList()) {
                for (String line : Files.readAllLines(log)) {
                    String[] f = line.trim().split("\\s+");
                    transactions.add(
                            new long[] {Long.parseLong(f[4]) * 1_000_000 + Long.parseLong(f[5]), Long.parseLong(f[2])});
                }
            }
        }
        long first = transactions.stream().mapToLong(t -> t[0] - t[1]).min().orElseThrow();
        long from = first + warmUp.toNanos() / 1000;
        long to = from + measured.toNanos() / 1000;
        Histogram histogram = Measurement.newHistogram();
        long count = 0;
        for (long[] t : transactions) {
            if (t[0] - t[1] >= from && t[0] <= to) {
                histogram.recordValue(Math.max(1, t[1]));
                count++;
            }
        }
        return new Measurement(count, 0, measured.toNanos() / 1e9, histogram);
    }
}

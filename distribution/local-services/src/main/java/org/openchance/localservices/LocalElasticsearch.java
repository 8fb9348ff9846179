package org.openchance.localservices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Elasticsearch node on 127.0.0.1, run from the integ-test-zip as an unprivileged user. Its config copy, data,
 * logs and temp files live in one work folder; a second start on the same folder keeps the data.
 */
public final class LocalElasticsearch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final Path workDir;
    private final int port;
    private final Process process;
    // The thread that started Elasticsearch must outlive it: setpriv's --pdeathsig fires when that thread ends.
    private final ExecutorService owner;

    private LocalElasticsearch(Path workDir, int port, Process process, ExecutorService owner) {
        this.workDir = workDir;
        this.port = port;
        this.process = process;
        this.owner = owner;
    }

    /**
     * Starts Elasticsearch with its files in {@code workDir} and its binaries unpacked into {@code runtimeDir}.
     *
     * @param heap JVM heap, e.g. {@code 512m}
     */
    public static LocalElasticsearch start(Path workDir, Path runtimeDir, int port, String heap) {
        long started = System.nanoTime();
        Path home = ElasticsearchDistribution.unpack(runtimeDir);
        Path javaHome = JavaRuntimes.forElasticsearch(System.getProperty("openchance.elasticsearch.java-home"));
        Path config = workDir.resolve("config");
        Path pidFile = workDir.resolve("es.pid");
        try {
            Files.createDirectories(workDir);
            UnprivilegedUser.requireReachable(home);
            stopLeftover(pidFile, workDir);
            // Elasticsearch writes its keystore into the config folder: give it its own copy.
            Folders.deleteRecursively(config);
            Folders.copyRecursively(home.resolve("config"), config);
            for (String dir : List.of("data", "logs", "tmp")) {
                Files.createDirectories(workDir.resolve(dir));
            }
            UnprivilegedUser.handOver(workDir);
        } catch (IOException e) {
            throw new LocalServiceException("Cannot prepare Elasticsearch folder " + workDir, e);
        }

        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/elasticsearch").toString(),
                "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + port,
                "-Expack.security.enabled=false",
                // A nearly full disk must not turn the local index read-only.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Epath.data=" + workDir.resolve("data"),
                "-Epath.logs=" + workDir.resolve("logs"),
                "-p",
                pidFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(UnprivilegedUser.command(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("logs/console.log").toFile()));
        builder.environment()
                .putAll(Map.of(
                        "ES_JAVA_HOME", javaHome.toString(),
                        "ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap,
                        "ES_TMPDIR", workDir.resolve("tmp").toString(),
                        "ES_PATH_CONF", config.toString()));
        builder.environment().remove("JAVA_HOME");

        ExecutorService owner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-elasticsearch");
            t.setDaemon(true);
            return t;
        });
        Process process;
        try {
            process = owner.submit(builder::start).get();
        } catch (ExecutionException | InterruptedException e) {
            owner.shutdownNow();
            throw new LocalServiceException("Cannot start Elasticsearch from " + home, e);
        }
        LocalElasticsearch es = new LocalElasticsearch(workDir, port, process, owner);
        try {
            es.awaitHealthy();
        } catch (RuntimeException e) {
            es.close();
            throw e;
        }
        LOG.info(
                "Elasticsearch {} is up on {} after {} ms (data in {})",
                ElasticsearchDistribution.version(),
                es.url(),
                (System.nanoTime() - started) / 1_000_000,
                workDir);
        return es;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitHealthy() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(url().resolve("/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalServiceException("Elasticsearch exited with code " + process.exitValue()
                        + " during startup. Its output:\n" + tail(workDir.resolve("logs/console.log")));
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalServiceException("Interrupted while waiting for Elasticsearch", e);
            }
            sleep(250);
        }
        throw new LocalServiceException("Elasticsearch did not become healthy within " + STARTUP_TIMEOUT
                + ". Its output:\n" + tail(workDir.resolve("logs/console.log")));
    }

    /** Stops an Elasticsearch left running by a JVM that was killed, recognised by its pid file and command line. */
    private static void stopLeftover(Path pidFile, Path workDir) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        ProcessHandle.of(Long.parseLong(pid))
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(workDir.toString()))
                        .orElse(false))
                .ifPresent(leftover -> {
                    LOG.warn("Stopping Elasticsearch left running from an earlier start (pid {})", pid);
                    terminate(leftover);
                });
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            LOG.info("Stopping Elasticsearch (pid {})", process.pid());
            // The launcher process stops the server child it started when it gets SIGTERM.
            List<ProcessHandle> descendants = process.descendants().toList();
            terminate(process.toHandle());
            descendants.forEach(LocalElasticsearch::terminate);
        }
        owner.shutdownNow();
    }

    private static void terminate(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalServiceException("Interrupted while waiting for Elasticsearch", e);
        }
    }
}

package org.openchance.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openchance.localservices.FreePorts;
import tools.jackson.databind.json.JsonMapper;

/** The launcher running in a process of its own. */
final class LaunchedServer implements AutoCloseable {

    /** The packaged product, as a user runs it through {@code bin/openchance}. */
    static final Path APP = Path.of("target/openchance");

    private final Process process;
    private final Path log;
    final int port;

    private LaunchedServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * A connection to the embedded database of a data folder, as the role the server connects as, with its password
     * from the credentials file the launcher keeps beside the PostgreSQL folder.
     */
    static Connection database(Path data, int dbPort) throws IOException, SQLException {
        Properties passwords = new Properties();
        try (Reader in = Files.newBufferedReader(data.resolve("postgres.credentials"))) {
            passwords.load(in);
        }
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + dbPort + "/openchance",
                EmbeddedServices.OWNER,
                passwords.getProperty(EmbeddedServices.OWNER));
    }

    static ProcessBuilder command(List<String> args) {
        List<String> command =
                new ArrayList<>(List.of("bash", APP.resolve("bin/openchance").toString()));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    static LaunchedServer start(List<String> args, Path log) throws Exception {
        return start(command(args), log);
    }

    static LaunchedServer start(ProcessBuilder builder, Path log) throws Exception {
        int port = FreePorts.next();
        builder.command().addAll(List.of("--port", String.valueOf(port)));
        Process process =
                builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LaunchedServer launched = new LaunchedServer(process, log, port);
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!launched.output().contains("OpenChance is running")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                launched.close();
                throw new AssertionError("The launcher did not start. Its output:\n" + launched.output());
            }
            Thread.sleep(200);
        }
        return launched;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    private String token;

    /** Signed in as the demo admin, as the startup summary says; null without demo data (no such user). */
    String token() throws Exception {
        if (token == null) {
            token = signIn(DemoDataGenerator.DEMO_ADMIN);
        }
        return token;
    }

    /** The access token of a demo user (the shared demo password); null when that sign-in is refused. */
    String signIn(String email) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared()
                                        .writeValueAsString(
                                                Map.of("email", email, "password", DemoDataGenerator.DEMO_PASSWORD))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? JsonMapper.shared()
                        .readTree(response.body())
                        .path("accessToken")
                        .asString()
                : null;
    }

    private HttpRequest.Builder request(String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        String bearer = token();
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    String get(String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    String graphql(String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        request("/graphql")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /**
     * Stops the launcher like a user: Ctrl-C (SIGINT) or SIGTERM. A process started from a non-interactive
     * shell may inherit SIGINT as ignored (then Ctrl-C could not reach it either); SIGTERM is used then.
     */
    void stop(boolean interrupt) throws Exception {
        String signal = interrupt && !ignoresSigint(process.pid()) ? "-INT" : "-TERM";
        new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                .start()
                .waitFor();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("launcher exits after " + signal)
                .isTrue();
        assertThat(output()).contains("OpenChance stopped");
    }

    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & 2L) != 0;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

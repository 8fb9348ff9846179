package org.openchance.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starts the real servers the launcher's embedded default uses, twice on the same folders. */
class LocalServicesIT {

    private static Path root;

    @BeforeAll
    static void createRoot() throws Exception {
        // Below /tmp: the services run as "nobody" when the build runs as root, and must reach their folders.
        root = Files.createTempDirectory(
                Path.of("/tmp"),
                "openchance-local-services-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterAll
    static void deleteRoot() throws Exception {
        Folders.deleteRecursively(root);
    }

    @Test
    void durablePostgresKeepsItsDataAcrossRestartsAndStopsItsProcess() throws Exception {
        Path data = root.resolve("postgres");
        int port = FreePorts.next();
        long pid;
        try (LocalPostgres pg = LocalPostgres.start(data, port, true)) {
            pg.createDatabaseIfMissing("openchance");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("openchance"), LocalPostgres.SUPERUSER, "");
                    Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('still here')");
                try (ResultSet rs = s.executeQuery("show fsync")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("on");
                }
            }
            pid = pg.pid();
            assertThat(ProcessHandle.of(pid)).isPresent();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();

        try (LocalPostgres again = LocalPostgres.start(data, port, true);
                Connection c = DriverManager.getConnection(again.jdbcUrl("openchance"), LocalPostgres.SUPERUSER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void elasticsearchStartsAnswersAndLeavesNoProcessBehind() throws Exception {
        Path work = root.resolve("elasticsearch");
        int port = FreePorts.next();
        HttpClient http = HttpClient.newHttpClient();
        long pid;
        try (LocalElasticsearch es = LocalElasticsearch.start(work, root.resolve("runtime"), port, "512m")) {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(es.url().resolve("/kept"))
                            .PUT(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            pid = es.pid();
        }
        assertThat(ProcessHandle.of(pid)
                        .map(h -> h.onExit().isDone() || !h.isAlive())
                        .orElse(true))
                .isTrue();

        try (LocalElasticsearch again = LocalElasticsearch.start(work, root.resolve("runtime"), port, "512m")) {
            HttpResponse<String> index = http.send(
                    HttpRequest.newBuilder(again.url().resolve("/kept")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode())
                    .as("index from the first start survives")
                    .isEqualTo(200);
            assertThat(URI.create(again.url().toString()).getHost()).isEqualTo("127.0.0.1");
        }
        TimeUnit.MILLISECONDS.sleep(1);
    }
}

package org.openchance.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
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
            try (Connection c = DriverManager.getConnection(
                            pg.jdbcUrl("openchance"), LocalPostgres.SUPERUSER, pg.superuserPassword());
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
                Connection c = DriverManager.getConnection(
                        again.jdbcUrl("openchance"), LocalPostgres.SUPERUSER, again.superuserPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    /**
     * From its first start on, the embedded PostgreSQL takes no connection without its password (over TCP, as checked
     * here; pg_hba.conf says the same for its Unix socket); a data folder from before passwords (trust authentication,
     * a superuser without one) is brought over on its next start; a folder without its credentials file is refused at
     * once, with how to get in again. A role made for the server is an ordinary one.
     */
    @Test
    void everyConnectionNeedsItsPasswordAndAnOlderFolderIsBroughtOver() throws Exception {
        Path data = root.resolve("postgres-passwords");
        int port = FreePorts.next();
        try (LocalPostgres pg = LocalPostgres.start(data, port, true)) {
            assertPasswordsOnly(pg);
            String password = pg.ensureRole("openchance");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "openchance", password);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user")) {
                rs.next();
                assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
                        .containsOnly(false);
            }
            assertThat(java.nio.file.Files.getPosixFilePermissions(root.resolve("postgres-passwords.credentials")))
                    .containsExactlyInAnyOrder(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            // back to how a folder of an earlier version looked: trust, no password, no credentials file
            try (Connection c = pg.superuserConnection("postgres");
                    Statement s = c.createStatement()) {
                s.execute("alter role postgres password null");
            }
            java.nio.file.Files.writeString(
                    data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\nlocal all all trust\n");
            java.nio.file.Files.delete(root.resolve("postgres-passwords.credentials"));
        }
        try (LocalPostgres again = LocalPostgres.start(data, port, true)) {
            assertPasswordsOnly(again);
        }
        java.nio.file.Files.delete(root.resolve("postgres-passwords.credentials"));
        assertThatThrownBy(() -> LocalPostgres.start(data, port, true))
                .isInstanceOf(LocalServiceException.class)
                .hasMessageContaining("postgres-passwords.credentials with the superuser's is missing")
                .hasMessageContaining("trust");
    }

    private static void assertPasswordsOnly(LocalPostgres pg) throws Exception {
        String url = pg.jdbcUrl("postgres");
        for (String password : List.of("", "wrong")) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, LocalPostgres.SUPERUSER, password)
                            .close())
                    .as("password '" + password + "'")
                    .isInstanceOf(java.sql.SQLException.class)
                    .message()
                    // the driver does not send an empty one; a wrong one the server refuses
                    .containsAnyOf("requested SCRAM-based authentication", "password authentication failed");
        }
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, pg.superuserPassword())) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThat(java.nio.file.Files.readString(pg.dataDir().resolve("pg_hba.conf")))
                .isEqualTo(LocalPostgres.PASSWORDS_ONLY)
                .doesNotContain("trust");
    }

    /** The catalogue's crash: PostgreSQL killed (SIGKILL) right after 10,000 acknowledged commits keeps every one. */
    @Test
    void aKilledPostgresKeepsEveryCommitItAcknowledged() throws Exception {
        Path data = root.resolve("postgres-killed");
        int port = FreePorts.next();
        LocalPostgres pg = LocalPostgres.start(data, port, true);
        pg.createDatabaseIfMissing("openchance");
        String url = pg.jdbcUrl("openchance");
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, pg.superuserPassword());
                Statement s = c.createStatement()) {
            s.execute("create table acknowledged (writer int, n int, primary key (writer, n))");
        }
        java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                // each insert its own transaction: commit() returning is the acknowledgement
                try (Connection c = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, pg.superuserPassword());
                        java.sql.PreparedStatement insert =
                                c.prepareStatement("insert into acknowledged values (?, ?)")) {
                    c.setAutoCommit(false);
                    for (int n = 0; n < 2_500; n++) {
                        insert.setInt(1, writer);
                        insert.setInt(2, n);
                        insert.executeUpdate();
                        c.commit();
                        acknowledged.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> writer : done) {
            writer.get();
        }
        writers.shutdown();
        assertThat(acknowledged.get()).isEqualTo(10_000);
        long pid = pg.pid();
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        assertThat(server.destroyForcibly()).isTrue(); // SIGKILL: no shutdown checkpoint, only the WAL
        server.onExit().get(30, TimeUnit.SECONDS);
        pg.close(); // the dead server's handle: its stop fails (nothing runs), its lock on the folder is let go

        try (LocalPostgres again = LocalPostgres.start(data, port, true);
                Connection c = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, again.superuserPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), count(distinct (writer, n)) from acknowledged")) {
            assertThat(again.pid()).isNotEqualTo(pid);
            rs.next();
            assertThat(rs.getLong(1)).as("acknowledged commits after the crash").isEqualTo(10_000);
            assertThat(rs.getLong(2)).isEqualTo(10_000);
        }
    }

    @Test
    void aDurableFolderWhoseDatabaseSkipsSynchronousCommitIsRefused() throws Exception {
        Path data = root.resolve("postgres-async");
        int port = FreePorts.next();
        try (LocalPostgres pg = LocalPostgres.start(data, port, true)) {
            pg.createDatabaseIfMissing("openchance"); // durable: accepted
            try (Connection c = DriverManager.getConnection(
                            pg.jdbcUrl("postgres"), LocalPostgres.SUPERUSER, pg.superuserPassword());
                    Statement s = c.createStatement()) {
                s.execute("alter database openchance set synchronous_commit = off");
            }
        }
        try (LocalPostgres again = LocalPostgres.start(data, port, true)) {
            assertThatThrownBy(() -> again.createDatabaseIfMissing("openchance"))
                    .isInstanceOf(LocalServiceException.class)
                    .hasMessageContaining("synchronous_commit off")
                    .hasMessageContaining("RESET synchronous_commit");
            try (Connection c = DriverManager.getConnection(
                            again.jdbcUrl("postgres"), LocalPostgres.SUPERUSER, again.superuserPassword());
                    Statement s = c.createStatement()) {
                s.execute("alter database openchance reset synchronous_commit");
            }
            again.createDatabaseIfMissing("openchance"); // fixed: accepted again
        }
        // a throwaway server (tests) is not held to it
        try (LocalPostgres throwaway =
                LocalPostgres.start(root.resolve("postgres-throwaway"), FreePorts.next(), false)) {
            throwaway.createDatabaseIfMissing("openchance");
            try (Connection c = DriverManager.getConnection(
                            throwaway.jdbcUrl("openchance"), LocalPostgres.SUPERUSER, throwaway.superuserPassword());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("show fsync")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("off");
            }
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

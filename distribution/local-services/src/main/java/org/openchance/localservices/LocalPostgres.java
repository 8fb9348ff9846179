package org.openchance.localservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server on 127.0.0.1 from the embedded binaries on Maven Central (zonky). Either durable, with its
 * data in a folder that survives restarts (the launcher), or throwaway (tests).
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final boolean durable;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir, boolean durable) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.durable = durable;
    }

    /**
     * @param durable {@code true} for data that must survive a crash (fsync on); zonky turns durability off by default
     */
    public static LocalPostgres start(Path dataDir, int port, boolean durable) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            UnprivilegedUser.requireReachable(dataDir);
            stopLeftover(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The JVM's shutdown hook is ours (close()), so that the order of stopping is ours too.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            if (durable) {
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            LocalPostgres pg = new LocalPostgres(builder.start(), dataDir, durable);
            LOG.info(
                    "PostgreSQL is up on port {} after {} ms (data in {})",
                    port,
                    (System.nanoTime() - started) / 1_000_000,
                    dataDir);
            return pg;
        } catch (IOException e) {
            throw new LocalServiceException("Cannot start PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The server's process id, read from {@code postmaster.pid} (pg_ctl daemonises the server). */
    public long pid() {
        return readPid(dataDir).orElseThrow();
    }

    /**
     * Creates {@code database} unless it exists. On a durable server it then checks that what is written there is
     * written for good, as a session of that database sees it: {@code fsync}, {@code synchronous_commit} and
     * {@code full_page_writes} on. One of them off (say {@code ALTER DATABASE ... SET synchronous_commit = off}) would
     * lose acknowledged writes in a crash: refused, with how to fix it.
     */
    public void createDatabaseIfMissing(String database) {
        create(database);
        if (durable) {
            requireDurable(database);
        }
    }

    private void requireDurable(String database) {
        List<String> off = new ArrayList<>();
        try (Connection c = postgres.getDatabase(SUPERUSER, database).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name from pg_settings where setting = 'off'"
                        + " and name in ('fsync', 'synchronous_commit', 'full_page_writes') order by name")) {
            while (rs.next()) {
                off.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new LocalServiceException("Cannot read the settings of " + database + ": " + e.getMessage(), e);
        }
        if (!off.isEmpty()) {
            throw new LocalServiceException(
                    "PostgreSQL in " + dataDir + " has " + String.join(" and ", off) + " off for database " + database
                            + ": a crash could lose writes it has acknowledged. Turn it back on (e.g. ALTER DATABASE "
                            + database + " RESET " + off.get(0) + "; ALTER ROLE " + SUPERUSER + " RESET " + off.get(0)
                            + ") and start again.");
        }
    }

    private void create(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new LocalServiceException("Cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        java.util.Optional<ProcessHandle> server = readPid(dataDir).flatMap(ProcessHandle::of);
        LOG.info("Stopping PostgreSQL (pid {})", server.map(ProcessHandle::pid).orElse(-1L));
        try {
            postgres.close();
            // pg_ctl returns once the pid file is gone; wait for the process itself so that none is left behind.
            if (server.isPresent()) {
                server.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * After a {@code kill -9} of the JVM the daemonised server keeps running, and a new start on the same port
     * would seem to work while talking to the old one: stop it first.
     */
    private static void stopLeftover(Path dataDir) {
        readPid(dataDir)
                .flatMap(ProcessHandle::of)
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(dataDir.toString()))
                        .orElse(false))
                .ifPresent(leftover -> {
                    LOG.warn("Stopping PostgreSQL left running from an earlier start (pid {})", leftover.pid());
                    leftover.destroy(); // SIGTERM: PostgreSQL's smart shutdown; the old clients are gone with their JVM
                    try {
                        leftover.onExit().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        leftover.destroyForcibly();
                    }
                });
    }

    private static java.util.Optional<Long> readPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.isEmpty()
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}

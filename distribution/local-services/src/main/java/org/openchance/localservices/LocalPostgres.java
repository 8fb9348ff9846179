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
 * data in a folder that survives restarts (the launcher), or throwaway (tests). Every connection needs a password
 * (SCRAM, also on its Unix socket): the superuser's and those of the roles made with {@link #ensureRole} are generated
 * on the first start and kept in {@code <data folder>.credentials}, readable by the user who started it only. (initdb
 * leaves trust authentication; the first start replaces it once the superuser has its password.)
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    public static final String SUPERUSER = "postgres";

    /** Written into pg_hba.conf: a password for every connection, from this machine only. */
    static final String PASSWORDS_ONLY = """
            # OpenChance: every connection with a password (SCRAM), from this machine only
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final boolean durable;
    private final Credentials credentials;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir, boolean durable, Credentials credentials) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.durable = durable;
        this.credentials = credentials;
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
            Path credentialsFile = dataDir.resolveSibling(dataDir.getFileName() + ".credentials");
            Credentials credentials = Credentials.of(credentialsFile);
            requireSuperuserPassword(dataDir, credentials, credentialsFile);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setConnectConfig("password", credentials.password(SUPERUSER))
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
            LocalPostgres pg = new LocalPostgres(builder.start(), dataDir, durable, credentials);
            pg.requirePasswords();
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

    /** The superuser's password (the superuser is {@link #SUPERUSER}). */
    public String superuserPassword() {
        return credentials.password(SUPERUSER);
    }

    /** The password of a role made with {@link #ensureRole}. */
    public String passwordOf(String role) {
        return credentials.password(role);
    }

    /** A superuser's connection to {@code database}. */
    public Connection superuserConnection(String database) throws SQLException {
        return postgres.getDatabase(SUPERUSER, database).getConnection();
    }

    /**
     * Makes {@code role} an ordinary login role (no superuser, no creating roles or databases) with its password from
     * the credentials file, generated on first use; brings an existing role back to that.
     *
     * @return its password
     */
    public String ensureRole(String role) {
        String password = credentials.password(role);
        String quoted = "\"" + role.replace("\"", "\"\"") + "\"";
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("select 1 from pg_roles where rolname = ?");
                Statement s = c.createStatement()) {
            exists.setString(1, role);
            boolean present;
            try (ResultSet rs = exists.executeQuery()) {
                present = rs.next();
            }
            s.execute((present ? "alter role " : "create role ") + quoted
                    + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '"
                    + password.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new LocalServiceException("Cannot set up role " + role + ": " + e.getMessage(), e);
        }
        return password;
    }

    /**
     * A folder that asks for passwords without its credentials file would not open (PostgreSQL would refuse every
     * connection after a minute's wait): say so at once, and how to get in again.
     */
    private static void requireSuperuserPassword(Path dataDir, Credentials credentials, Path credentialsFile)
            throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        if (Files.exists(hba) && !trusts(Files.readString(hba)) && !credentials.has(SUPERUSER)) {
            throw new LocalServiceException("PostgreSQL in " + dataDir + " asks for passwords, and " + credentialsFile
                    + " with the superuser's is missing. Restore it from a backup, or let PostgreSQL trust this"
                    + " machine once (a line 'host all all 127.0.0.1/32 trust' in " + hba + "): the next start sets"
                    + " new passwords and asks for them again.");
        }
    }

    /** Whether pg_hba.conf lets any connection in without a password (initdb's default, or an admin's line). */
    static boolean trusts(String hba) {
        return hba.lines()
                .map(String::strip)
                .filter(line -> !line.startsWith("#"))
                .anyMatch(line -> line.matches(".*\\btrust\\b.*"));
    }

    /**
     * A data folder that trusts connections (the first start, with initdb's trust authentication; one from before
     * passwords): give the superuser its password, then demand passwords of everyone. Later starts find this done; a
     * pg_hba.conf an administrator wrote without trust stays as it is.
     */
    private void requirePasswords() {
        Path hba = dataDir.resolve("pg_hba.conf");
        try {
            if (!trusts(Files.readString(hba))) {
                return;
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("alter role " + SUPERUSER + " password '"
                        + superuserPassword().replace("'", "''") + "'");
                // written in place: the file keeps its owner, the unprivileged user the server runs as
                Files.writeString(hba, PASSWORDS_ONLY);
                try (ResultSet reloaded = s.executeQuery("select pg_reload_conf()")) {
                    reloaded.next();
                }
            }
            LOG.info("PostgreSQL in {} now asks every connection for a password", dataDir);
        } catch (IOException | SQLException e) {
            throw new LocalServiceException(
                    "Cannot turn on password authentication in " + dataDir + ": " + e.getMessage(), e);
        }
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
        createDatabaseIfMissing(database, SUPERUSER);
    }

    /** As {@link #createDatabaseIfMissing(String)}, a new database owned by {@code owner}. */
    public void createDatabaseIfMissing(String database, String owner) {
        create(database, owner);
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

    private void create(String database, String owner) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "\"\"") + "\" owner \""
                        + owner.replace("\"", "\"\"") + "\"");
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

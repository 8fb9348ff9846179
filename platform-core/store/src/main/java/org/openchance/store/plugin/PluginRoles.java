package org.openchance.store.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A PostgreSQL login role of its own for each plugin: it owns the plugin's schema and may do nothing else (no host
 * table, no other plugin's schema, no superuser function), so a plugin's SQL cannot reach the product's data or the
 * webhooks' secrets whatever it sets its search path to. The server's role is made a member of each, so that the
 * database's owner can still look after a plugin's schema (back it up, drop it); the server itself reads a plugin's
 * tables only over the plugin's own login, never with its own rights. Roles are created through {@code openchance_admin.plugin_role}, a function a superuser
 * installs ({@link #installFunction}), because the server's own role may not create roles (in PostgreSQL 15 a role
 * that may can make itself nearly a superuser). The passwords are kept in {@code plugin_database_role}, which only the
 * server's role can read.
 */
public final class PluginRoles {

    private static final String FUNCTION_SQL = "plugin-role-function.sql";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a plugin's connections log in with. */
    public record Login(String role, String password) {
        @Override
        public String toString() {
            return "Login[" + role + "]"; // never the password in a log line
        }
    }

    private final DataSource host;
    private volatile boolean functionChecked;

    public PluginRoles(DataSource host) {
        this.host = host;
    }

    /**
     * The plugin's role, created or brought up to date (its password, its schema, the schema's objects owned by it),
     * with its schema created if missing.
     *
     * @throws IllegalStateException if the database has no {@code openchance_admin.plugin_role} and the server's role is no
     *     superuser that could install it: what to run is in the message
     */
    public Login login(String schema) {
        requireFunction();
        JdbcTemplate jdbc = new JdbcTemplate(host);
        String database = jdbc.queryForObject("select current_database()", String.class);
        String role = roleName(schema, database);
        // first start of the plugin in this database (or on another server of the cluster at the same moment)
        jdbc.update(
                "insert into plugin_database_role (schema_name, role_name, password) values (?, ?, ?)"
                        + " on conflict (schema_name) do nothing",
                schema,
                role,
                newPassword());
        String password = jdbc.queryForObject(
                "select password from plugin_database_role where schema_name = ?", String.class, schema);
        String made = jdbc.queryForObject("select openchance_admin.plugin_role(?, ?)", String.class, schema, password);
        if (!role.equals(made)) {
            throw new IllegalStateException("the database named the role of " + schema + " " + made + ", not " + role
                    + ": openchance_admin.plugin_role is of another version (run openchance db-setup again)");
        }
        return new Login(role, password);
    }

    /**
     * The role of a plugin's schema in a database, as {@code openchance_admin.plugin_role} names it: the schema's
     * first 48 characters and 14 hex digits of the SHA-256 of database and schema. Roles belong to the whole
     * PostgreSQL server, so the database is part of the name, or two databases would reset each other's password.
     */
    public static String roleName(String schema, String database) {
        String base = schema.length() > 48 ? schema.substring(0, 48) : schema;
        return base + "_"
                + HexFormat.of().formatHex(sha256(database + "/" + schema)).substring(0, 14);
    }

    /** The role {@link #login} made for a plugin's schema, from {@code plugin_database_role}. */
    public static Optional<String> roleOf(JdbcTemplate jdbc, String schema) {
        return jdbc
                .queryForList("select role_name from plugin_database_role where schema_name = ?", String.class, schema)
                .stream()
                .findFirst();
    }

    /**
     * Installs {@code openchance_admin.plugin_role} (run by a superuser: the function runs with its rights) and lets
     * {@code ownerRole} call it.
     */
    public static void installFunction(Connection superuser, String ownerRole) throws SQLException {
        boolean autoCommit = superuser.getAutoCommit();
        superuser.setAutoCommit(false);
        try (Statement s = superuser.createStatement()) {
            // one at a time: servers starting together would replace the function concurrently
            s.execute("select pg_advisory_xact_lock(hashtext('openchance_admin.plugin_role'))");
            s.execute(functionSql());
            s.execute("grant usage on schema openchance_admin to " + quoteIdentifier(ownerRole));
            s.execute("grant execute on function openchance_admin.plugin_role(text, text) to "
                    + quoteIdentifier(ownerRole));
            superuser.commit();
        } catch (SQLException | RuntimeException e) {
            superuser.rollback();
            throw e;
        } finally {
            superuser.setAutoCommit(autoCommit);
        }
    }

    private void requireFunction() {
        if (functionChecked) {
            return;
        }
        try (Connection c = host.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_user,"
                        + " (select rolsuper from pg_roles where rolname = current_user),"
                        + " to_regprocedure('openchance_admin.plugin_role(text, text)') is not null")) {
            rs.next();
            String user = rs.getString(1);
            if (rs.getBoolean(2)) {
                installFunction(c, user); // brought up to date by a server that can
            } else if (!rs.getBoolean(3)) {
                throw new IllegalStateException("plugins get database roles of their own, made by the function"
                        + " openchance_admin.plugin_role, which a superuser installs once: run `openchance db-setup"
                        + " --db-url <url> --admin-user <superuser>` (role " + user + " may not make roles itself)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the plugin role function: " + e.getMessage(), e);
        }
        functionChecked = true;
    }

    private static String functionSql() {
        try (InputStream in = PluginRoles.class.getResourceAsStream(FUNCTION_SQL)) {
            if (in == null) {
                throw new IllegalStateException(FUNCTION_SQL + " is missing from the store's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name} as a quoted SQL identifier. */
    public static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

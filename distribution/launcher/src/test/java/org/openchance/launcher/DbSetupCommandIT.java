package org.openchance.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.store.plugin.PluginRoles;
import org.openchance.testkit.PostgresServer;
import org.openchance.testkit.TestServices;
import picocli.CommandLine;

/**
 * {@code openchance db-setup} against real PostgreSQL, as an administrator prepares an external database: afterwards
 * the server's ordinary role migrates the product's schema, gives a plugin its role through the installed function,
 * reads the plugin's tables, and the plugin's role reaches nothing of the product's.
 */
class DbSetupCommandIT {

    private final PostgresServer server = TestServices.postgres();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "t_dbsetup_" + suffix;
    private final String owner = "t_owner_" + suffix;
    private final String ownerPassword = "owner-" + UUID.randomUUID();

    @BeforeEach
    void createDatabase() throws SQLException {
        admin("create database " + database);
    }

    @AfterEach
    void dropDatabaseAndRoles() throws SQLException {
        admin("drop database if exists " + database + " with (force)");
        try (Connection c = adminConnection();
                Statement s = c.createStatement();
                ResultSet roles = s.executeQuery("select rolname from pg_roles where rolname in ('"
                        + PluginRoles.roleName("plugin_probe", database) + "', '"
                        + PluginRoles.roleName("plugin_fresh", database) + "', '" + owner + "') order by rolname = '"
                        + owner + "'")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (roles.next()) {
                names.add(roles.getString(1));
            }
            for (String name : names) {
                admin("drop role " + name);
            }
        }
    }

    @Test
    void anOrdinaryRoleRunsTheProductAndGivesPluginsRolesOfTheirOwn() throws Exception {
        String url = server.urlOf(database);
        // a database from before roles: the product's tables and a plugin's schema made by a superuser
        Flyway.configure()
                .dataSource(url, server.username(), server.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, server.username(), server.password());
                Statement s = c.createStatement()) {
            s.execute("create schema plugin_probe");
            s.execute("create table plugin_probe.finding (id serial primary key, v text)");
        }
        assertThat(run("--owner-password", ownerPassword)).isZero();
        assertThat(run()).as("run again: nothing to change").isZero();

        // the server's role: migrates the product's schema into the database it now owns
        Flyway.configure()
                .dataSource(url, owner, ownerPassword)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword);
                Statement s = c.createStatement()) {
            assertThat(single(
                            s,
                            "select (rolsuper or rolcreaterole or rolcreatedb)::text from pg_roles"
                                    + " where rolname = current_user"))
                    .isEqualTo("false");
            assertThat(
                            single(
                                    s,
                                    "select count(*) from pg_tables where schemaname = 'public' and tableowner <> current_user"))
                    .as("every product table taken over")
                    .isEqualTo("0");
            s.execute("insert into plugin_switch (plugin_id) values ('probe')");
            assertThatThrownBy(() -> s.execute("create role t_sneaky_" + suffix))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("42501");

            // a plugin's role, made through the function; its schema and tables are the plugin's
            PluginRoles.Login login = new PluginRoles(
                            new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true))
                    .login("plugin_probe");
            try (Connection plugin = DriverManager.getConnection(url, login.role(), login.password());
                    Statement p = plugin.createStatement()) {
                // the table made before is the plugin's now, its sequence with it
                p.execute("insert into plugin_probe.finding (v) values ('mine')");
                p.execute("create table plugin_probe.more (v text)");
                assertThatThrownBy(() -> p.execute("select count(*) from public.app_user"))
                        .extracting(e -> ((SQLException) e).getSQLState())
                        .isEqualTo("42501");
            }
            // the server reads it for its host services, as a member of the plugin's role
            assertThat(single(s, "select v from plugin_probe.finding")).isEqualTo("mine");
        }
    }

    /**
     * The function names a plugin's role itself, from the schema and this database, and hands out no role that owns
     * anything elsewhere: one database's server cannot take over another's plugin roles (or a hand-made look-alike).
     */
    @Test
    void aRoleThatOwnsSomethingElsewhereIsNotHandedOut() throws Exception {
        assertThat(run("--owner-password", ownerPassword)).isZero();
        String lookAlike = PluginRoles.roleName("plugin_other", database);
        String elsewhere = "t_elsewhere_" + suffix;
        admin("create role " + lookAlike);
        admin("create schema " + elsewhere + " authorization " + lookAlike); // in the admin's database
        try (Connection c = DriverManager.getConnection(server.urlOf(database), owner, ownerPassword);
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(
                            "select openchance_admin.plugin_role('plugin_other', 'a-password-of-enough-length')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("more rights than a plugin may have")
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("42501");
            // the control: a schema whose role is new is served, and the name is the one the server expects
            assertThat(single(s, "select openchance_admin.plugin_role('plugin_fresh', 'a-password-of-enough-length')"))
                    .isEqualTo(PluginRoles.roleName("plugin_fresh", database));
            assertThatThrownBy(() ->
                            s.execute("select openchance_admin.plugin_role('public', 'a-password-of-enough-length')"))
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("22023");
        } finally {
            admin("drop schema " + elsewhere);
            admin("drop role " + lookAlike);
        }
    }

    @Test
    void refusesWhatItCannotDo() throws Exception {
        assertThat(run()).as("no such role and no password to make it").isEqualTo(2);
        assertThat(run("--owner-password", ownerPassword)).isZero();
        assertThat(new CommandLine(new DbSetupCommand())
                        .execute(
                                "--db-url", server.urlOf(database),
                                "--admin-user", owner,
                                "--admin-password", ownerPassword,
                                "--owner", owner))
                .as("an ordinary role cannot set up")
                .isEqualTo(2);
    }

    private int run(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--db-url", server.urlOf(database),
                "--admin-user", server.username(),
                "--admin-password", server.password(),
                "--owner", owner));
        args.addAll(java.util.List.of(more));
        return new CommandLine(new DbSetupCommand()).execute(args.toArray(String[]::new));
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = adminConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

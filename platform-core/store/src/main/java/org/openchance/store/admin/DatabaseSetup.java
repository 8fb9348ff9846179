package org.openchance.store.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openchance.store.plugin.PluginRoles;

/**
 * What a superuser does once so that the server can run as an ordinary role: the database and its {@code public}
 * schema owned by that role, with every table and sequence made before (a data folder from a version that ran as
 * superuser), and the function that gives plugins roles of their own ({@link PluginRoles}). Run again, it changes
 * nothing. The role itself (login, password) is made by whoever runs this: the launcher for its embedded PostgreSQL,
 * the administrator for an external one.
 */
public final class DatabaseSetup {

    private DatabaseSetup() {}

    /**
     * @param superuser a superuser's connection to the database to prepare
     * @param owner the role the server connects as; it must exist and must not be a superuser
     */
    public static void prepare(Connection superuser, String owner) throws SQLException {
        requireOrdinaryRole(superuser, owner);
        String quoted = PluginRoles.quoteIdentifier(owner);
        try (Statement s = superuser.createStatement()) {
            s.execute("alter database " + PluginRoles.quoteIdentifier(currentDatabase(superuser)) + " owner to "
                    + quoted);
            s.execute("alter schema public owner to " + quoted);
            for (String alter : ownershipChanges(superuser, owner)) {
                s.execute(alter);
            }
        }
        PluginRoles.installFunction(superuser, owner);
    }

    /** Whether the connection's role is a superuser (only one may {@link #prepare}). */
    public static boolean isSuperuser(Connection c) throws SQLException {
        return superuser(c, null).orElse(false);
    }

    public static boolean roleExists(Connection c, String role) throws SQLException {
        return superuser(c, role).isPresent();
    }

    /** Makes {@code role} an ordinary login role: no superuser, no creating roles or databases. */
    public static void createOwner(Connection superuser, String role, String password) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            s.execute("create role " + PluginRoles.quoteIdentifier(role)
                    + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '"
                    + password.replace("'", "''") + "'");
        }
    }

    private static void requireOrdinaryRole(Connection c, String owner) throws SQLException {
        boolean superuser =
                superuser(c, owner).orElseThrow(() -> new SQLException("role " + owner + " does not exist"));
        if (superuser) {
            throw new SQLException("role " + owner + " is a superuser: the server's role must be an ordinary one");
        }
    }

    /** Whether {@code role} (null: the connection's own) is a superuser; empty when there is no such role. */
    private static Optional<Boolean> superuser(Connection c, String role) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("select rolsuper from pg_roles where rolname = coalesce(?, current_user)")) {
            s.setString(1, role);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    /**
     * The tables, views and sequences of {@code public} not yet the owner's (a sequence of a column follows its table),
     * and its routines. (The plugin role function, in {@code openchance_admin}, stays the superuser's: it runs with its
     * owner's rights.)
     */
    private static List<String> ownershipChanges(Connection c, String owner) throws SQLException {
        List<String> changes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select format('alter %s public.%I owner to %I',
                              case c.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                             when 'S' then 'sequence' else 'table' end, c.relname, ?)
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                  and c.relowner <> (select oid from pg_roles where rolname = ?)
                  and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid
                           and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')))
                union all
                select format('alter routine %s owner to %I', p.oid::regprocedure, ?)
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = 'public'
                  and p.proowner <> (select oid from pg_roles where rolname = ?)
                """)) {
            for (int i = 1; i <= 4; i++) {
                s.setString(i, owner);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(rs.getString(1));
                }
            }
        }
        return changes;
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}

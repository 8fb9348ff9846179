package org.openchance.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.openchance.store.admin.DatabaseSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "db-setup",
        mixinStandardHelpOptions = true,
        description = {
            "Prepares an external PostgreSQL database, as one of its superusers, for a server that connects as an"
                    + " ordinary role (the embedded PostgreSQL is prepared by start itself): the role is made if"
                    + " missing (with --owner-password), the database and its public schema become the role's with"
                    + " everything in them, and the function that gives each plugin a database role of its own is"
                    + " installed for it. Run again, it changes nothing.",
            "Example: openchance db-setup --db-url jdbc:postgresql://db:5432/openchance --admin-user postgres"
                    + " --owner openchance --owner-password ...; then start with --db-user openchance."
        },
        sortOptions = false)
final class DbSetupCommand implements Callable<Integer> {

    @Option(names = "--db-url", required = true, paramLabel = "JDBC_URL", description = "The database to prepare.")
    String dbUrl;

    @Option(names = "--admin-user", defaultValue = "postgres", description = "A superuser. Default: ${DEFAULT-VALUE}.")
    String adminUser;

    @Option(
            names = "--admin-password",
            defaultValue = "${env:PGPASSWORD}",
            description = "Its password. Default: $PGPASSWORD.")
    String adminPassword;

    @Option(
            names = "--owner",
            defaultValue = "openchance",
            description = "The role the servers connect as (--db-user of start). Default: ${DEFAULT-VALUE}.")
    String owner;

    @Option(
            names = "--owner-password",
            description = "Creates the role with this password if it does not exist (else it must exist).")
    String ownerPassword;

    @Override
    public Integer call() {
        try (Connection admin =
                DriverManager.getConnection(dbUrl, adminUser, adminPassword == null ? "" : adminPassword)) {
            if (!DatabaseSetup.isSuperuser(admin)) {
                System.err.println(adminUser + " is no superuser: db-setup installs a function that runs with its"
                        + " installer's rights, which only a superuser may give.");
                return 2;
            }
            if (!DatabaseSetup.roleExists(admin, owner)) {
                if (ownerPassword == null || ownerPassword.isBlank()) {
                    System.err.println("Role " + owner + " does not exist: give --owner-password to create it.");
                    return 2;
                }
                DatabaseSetup.createOwner(admin, owner, ownerPassword);
                System.out.println("Created role " + owner + ".");
            }
            DatabaseSetup.prepare(admin, owner);
            System.out.println(
                    "Database ready for role " + owner + ": start the servers with --db-user " + owner + ".");
            return 0;
        } catch (SQLException e) {
            System.err.println("db-setup failed: " + e.getMessage());
            return 1;
        }
    }
}

package org.openchance.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Connections to the server's database for the baselines and checks, with the password from {@code PGPASSWORD}, as
 * psql and pgbench take it (the scripts set it from the embedded PostgreSQL's credentials file).
 */
final class Database {

    private Database() {}

    static Connection connect(String url, String user) throws SQLException {
        return DriverManager.getConnection(url, user, Objects.requireNonNullElse(System.getenv("PGPASSWORD"), ""));
    }
}

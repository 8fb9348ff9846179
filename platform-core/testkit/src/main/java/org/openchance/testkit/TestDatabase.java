package org.openchance.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A database of its own for one test class, migrated with the Flyway migrations on the test's classpath. */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(username);
        ds.setPassword(password);
        return ds;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** Hands the connection to Spring-style properties, e.g. {@code db.applyTo((k, v) -> registry.add(k, () -> v))}. */
    public void applyTo(BiConsumer<String, String> properties) {
        properties.accept("spring.datasource.url", jdbcUrl);
        properties.accept("spring.datasource.username", username);
        properties.accept("spring.datasource.password", password);
    }
}

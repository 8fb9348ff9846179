package org.openchance.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchance.store.RequestStatementTimeouts;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A request's statements end at the request statement timeout, in PostgreSQL, which cancels them and leaves nothing
 * running; background work on the same pool is not bounded.
 */
@ServerTest(properties = {"openchance.request.statement-timeout=1s", "openchance.request.timeout=3s"})
class RequestStatementTimeoutIT {

    @Autowired
    DataSource dataSource;

    @LocalServerPort
    int port;

    @Test
    void aRequestsStatementIsCancelledAtTheTimeoutAndBackgroundWorkIsNot() throws Exception {
        long started = System.nanoTime();
        assertThatThrownBy(() -> RequestStatementTimeouts.asRequest(() -> sleep(3)))
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause()
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014")); // query_canceled
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        // nothing of it still runs in PostgreSQL
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject(
                        "select count(*) from pg_stat_activity where state = 'active' and query like '%pg_sleep(3)%'"
                                + " and pid <> pg_backend_pid()",
                        Integer.class))
                .isZero();

        // the same connections, taken by background work: no bound (and the setting is really reset)
        assertThat(sleep(1.2)).isEqualTo("0");
        // and taken by a request again: bounded again
        assertThat(RequestStatementTimeouts.asRequest(() -> sleep(0.1))).isEqualTo("1s");
        // HTTP requests are requests: the API still answers
        assertThat(new GraphQlClient(port)
                        .data("{ serverInfo { name } }", Map.of())
                        .at("/serverInfo/name")
                        .asString())
                .isNotBlank();
    }

    @Test
    void aRequestOfManyShortStatementsEndsAtTheRequestTimeoutAndAnAdminScanIsNotBounded() {
        List<String> done = new ArrayList<>();
        long started = System.nanoTime();
        assertThatThrownBy(() -> RequestStatementTimeouts.asRequest(() -> {
                    for (int i = 0; i < 20; i++) {
                        done.add(sleep(0.5)); // each well within the statement timeout
                    }
                    return null;
                }))
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause()
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
        // some done, the rest cancelled or refused when the request's 3 s were up (not the twenty: 10 s)
        assertThat(done).hasSizeBetween(3, 6).allMatch(timeout -> timeout.endsWith("ms") || timeout.equals("1s"));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(2900), Duration.ofMillis(4500));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject(
                        "select count(*) from pg_stat_activity where state = 'active' and query like '%pg_sleep(0.5)%'"
                                + " and pid <> pg_backend_pid()",
                        Integer.class))
                .isZero();
        // the same connections for background work afterwards: no bound left behind
        assertThat(sleep(0.1)).isEqualTo("0");
        // what a request runs as background work (searchConsistency's scan): no bound
        assertThat(RequestStatementTimeouts.asRequest(() -> RequestStatementTimeouts.unbounded(() -> sleep(3.2))))
                .isEqualTo("0");
    }

    /** Sleeps in PostgreSQL on one pooled connection, and answers the timeout it ran under. */
    private String sleep(double seconds) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("select pg_sleep(" + seconds + ")");
            try (var rs = s.executeQuery("show statement_timeout")) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

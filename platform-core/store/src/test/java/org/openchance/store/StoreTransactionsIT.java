package org.openchance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.openchance.testkit.RealServices;
import org.openchance.testkit.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Micronaut Data repositories take part in Spring transactions on the same data source. */
@RealServices
class StoreTransactionsIT {

    private static Store store;
    private static UserRepository users;
    private static TransactionTemplate tx;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start(TestDatabase db) {
        DataSource dataSource = db.dataSource();
        store = Store.start(dataSource);
        users = store.repository(UserRepository.class);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void writeInARolledBackTransactionIsGone() {
        UserRow user = UserRow.newEmployee("Rolled Back", "rolled.back@example.com");
        tx.executeWithoutResult(status -> {
            users.save(user);
            assertThat(users.findById(user.id()))
                    .as("visible inside the transaction")
                    .isPresent();
            status.setRollbackOnly();
        });
        assertThat(countUsersWithId(user)).isZero();
    }

    @Test
    void exceptionRollsBackEveryWriteOfTheTransaction() {
        UserRow first = UserRow.newEmployee("First", "first@example.com");
        UserRow second = UserRow.newEmployee("Second", "second@example.com");
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    users.save(first);
                    users.save(second);
                    throw new IllegalStateException("a later step fails");
                }))
                .hasMessage("a later step fails");
        assertThat(countUsersWithId(first) + countUsersWithId(second)).isZero();
    }

    @Test
    void committedTransactionKeepsTheWrite() {
        UserRow user = UserRow.newEmployee("Committed", "committed@example.com");
        tx.executeWithoutResult(status -> users.save(user));
        assertThat(countUsersWithId(user)).isOne();
        assertThat(users.findByEmail("COMMITTED@example.com"))
                .map(UserRow::name)
                .contains("Committed");
    }

    private static int countUsersWithId(UserRow user) {
        return jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, user.id());
    }
}

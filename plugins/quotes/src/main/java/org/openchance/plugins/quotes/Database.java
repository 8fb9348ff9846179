package org.openchance.plugins.quotes;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.openchance.api.storage.PluginStorage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The plugin's schema: connections, and units of work that commit whole or not at all. */
@Component(service = Database.class)
public class Database {

    /** A change refused by the data as it is now: a user error with its code and the input field it concerns. */
    static final class Refused extends Exception {
        final String code;
        final String field;

        Refused(String code, String field, String message) {
            super(message);
            this.code = code;
            this.field = field;
        }
    }

    /** A unit of work on one connection, committed when it returns and rolled back when it throws. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection db) throws SQLException, Refused;
    }

    private final DataSource dataSource;

    @Activate
    public Database(@Reference PluginStorage storage) {
        this.dataSource = storage.dataSource();
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    <T> T inTransaction(Work<T> work) throws SQLException, Refused {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                T result = work.run(db);
                db.commit();
                return result;
            } catch (SQLException | Refused | RuntimeException e) {
                db.rollback();
                if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    throw duplicate(sql);
                }
                throw e;
            }
        }
    }

    /** Two saves of one unique value at once: the index decides, and the loser hears it as the check would say. */
    private static Refused duplicate(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("product_sku")) {
            return new Refused("VALIDATION", "input.sku", "a product with this SKU exists");
        }
        if (message.contains("price_list_name")) {
            return new Refused("VALIDATION", "input.name", "a price list of this name exists");
        }
        if (message.contains("quote_line_quote_id_position")) { // two line changes at once
            return new Refused(
                    "VERSION_CONFLICT", "input.expectedVersion", "the quote was changed meanwhile; reload it");
        }
        if (message.contains("quote_one_accepted")) {
            return new Refused("INVALID_TRANSITION", "input.id", "another quote of this opportunity is accepted");
        }
        return new Refused("VALIDATION", null, "a record like this exists");
    }
}

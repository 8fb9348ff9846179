package org.openchance.store.page;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Rows of one table by id, for the read paths that load a page or a data loader's batch. Micronaut Data's mapper
 * looks up every property's column name in annotation metadata again for every row (a third of the CPU of a page of
 * 50 opportunities, JFR, distribution/benchmark), and Spring's {@code DataClassRowMapper} tries {@code accountid}
 * before {@code account_id} and pays an exception per column and row. This one finds each column once per result and
 * fills the same records ({@code accountId} from {@code account_id}); writes stay with the repositories.
 */
public final class RowsById<T extends Record> {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final String sql;
    private final Constructor<T> constructor;
    private final String[] columns;
    /** How each component's value is read, chosen once by its type. */
    private final ColumnReader[] readers;

    public RowsById(DataSource dataSource, String table, Class<T> type) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.sql = "select * from " + table + " where id = any(?)";
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        this.columns = Arrays.stream(components).map(c -> column(c.getName())).toArray(String[]::new);
        this.readers = Arrays.stream(types).map(RowsById::reader).toArray(ColumnReader[]::new);
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " has no canonical constructor", e);
        }
    }

    /**
     * The rows with these ids that also meet {@code condition} (a visibility rule on the table's own name), in one
     * statement; in no particular order.
     */
    public List<T> find(Collection<UUID> ids, Where condition) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>(condition.params());
        params.put("rowIds", ids.toArray(UUID[]::new));
        return named.query(sql.replace("any(?)", "any(:rowIds)") + " and " + condition.sql(), params, this::rows);
    }

    /** The rows with these ids, in no particular order; ids without a row are left out. */
    public List<T> find(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(sql, this::rows, (Object) ids.toArray(UUID[]::new));
    }

    private List<T> rows(ResultSet rs) throws SQLException {
        int[] index = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            index[i] = rs.findColumn(columns[i]);
        }
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] values = new Object[readers.length];
            for (int i = 0; i < readers.length; i++) {
                values[i] = readers[i].read(rs, index[i]);
            }
            try {
                rows.add(constructor.newInstance(values));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(
                        "Cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
            }
        }
        return rows;
    }

    /** Reads one column of the current row. */
    private interface ColumnReader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ColumnReader reader(Class<?> type) {
        if (type == int.class) {
            return ResultSet::getInt;
        }
        if (type == boolean.class) {
            return ResultSet::getBoolean;
        }
        if (type == String.class) {
            return ResultSet::getString;
        }
        if (type == UUID.class || type == LocalDate.class || type == Integer.class) {
            return (rs, column) -> rs.getObject(column, type);
        }
        if (type == BigDecimal.class) {
            return ResultSet::getBigDecimal;
        }
        if (type == Instant.class) {
            return (rs, column) -> {
                Timestamp at = rs.getTimestamp(column);
                return at == null ? null : at.toInstant();
            };
        }
        if (type == String[].class) {
            return (rs, column) -> {
                Array array = rs.getArray(column);
                return array == null ? null : (String[]) array.getArray();
            };
        }
        if (type.isEnum()) {
            return (rs, column) -> {
                String name = rs.getString(column);
                return name == null ? null : Enum.valueOf((Class<? extends Enum>) type, name);
            };
        }
        throw new IllegalArgumentException("No column reader for " + type);
    }

    /** {@code accountId} → {@code account_id}, as Micronaut Data names columns. */
    private static String column(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

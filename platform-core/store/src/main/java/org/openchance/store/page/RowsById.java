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
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows of one table by id, for the read paths that load a page or a data loader's batch. Micronaut Data's mapper
 * looks up every property's column name in annotation metadata again for every row (a third of the CPU of a page of
 * 50 opportunities, JFR, distribution/benchmark), and Spring's {@code DataClassRowMapper} tries {@code accountid}
 * before {@code account_id} and pays an exception per column and row. This one finds each column once per result and
 * fills the same records ({@code accountId} from {@code account_id}); writes stay with the repositories.
 */
public final class RowsById<T extends Record> {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final Constructor<T> constructor;
    private final Class<?>[] types;
    private final String[] columns;

    public RowsById(DataSource dataSource, String table, Class<T> type) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.sql = "select * from " + table + " where id = any(?)";
        RecordComponent[] components = type.getRecordComponents();
        this.types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        this.columns = Arrays.stream(components).map(c -> column(c.getName())).toArray(String[]::new);
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " has no canonical constructor", e);
        }
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
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                values[i] = read(rs, index[i], types[i]);
            }
            try {
                rows.add(constructor.newInstance(values));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
            }
        }
        return rows;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(ResultSet rs, int column, Class<?> type) throws SQLException {
        if (type == int.class) {
            return rs.getInt(column);
        }
        if (type == boolean.class) {
            return rs.getBoolean(column);
        }
        if (type == String.class) {
            return rs.getString(column);
        }
        if (type == UUID.class || type == LocalDate.class || type == Integer.class) {
            return rs.getObject(column, type);
        }
        if (type == BigDecimal.class) {
            return rs.getBigDecimal(column);
        }
        if (type == Instant.class) {
            Timestamp at = rs.getTimestamp(column);
            return at == null ? null : at.toInstant();
        }
        if (type == String[].class) {
            Array array = rs.getArray(column);
            return array == null ? null : (String[]) array.getArray();
        }
        if (type.isEnum()) {
            String name = rs.getString(column);
            return name == null ? null : Enum.valueOf((Class<? extends Enum>) type, name);
        }
        throw new IllegalArgumentException("No column reader for " + type);
    }

    /** {@code accountId} → {@code account_id}, as Micronaut Data names columns. */
    private static String column(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

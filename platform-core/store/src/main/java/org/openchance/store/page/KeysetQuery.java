package org.openchance.store.page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Pages and counts of one table under a condition, by keyset. Returns ids and sort values; callers load the rows by
 * id in one statement. Table, condition and sort expressions come from our code, values only as parameters.
 */
public final class KeysetQuery {

    private final NamedParameterJdbcTemplate jdbc;

    public KeysetQuery(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    public PageRows page(String table, String where, Map<String, Object> params, PageRequest page) {
        Map<String, Object> all = new HashMap<>(params);
        String condition = where;
        if (page.after() != null) {
            condition += " and " + Keyset.after(page.keys(), page.after(), all);
        }
        all.put("limit", page.limit() + 1);
        String sql = "select id, " + Keyset.sortColumns(page.keys()) + " from " + table + " where " + condition
                + " order by " + Keyset.orderBy(page.keys()) + " limit :limit";
        List<UUID> ids = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        jdbc.query(sql, all, rs -> {
            ids.add(rs.getObject("id", UUID.class));
            values.add(Keyset.read(rs, page.keys()));
        });
        boolean hasNext = ids.size() > page.limit();
        if (hasNext) {
            ids.remove(ids.size() - 1);
            values.remove(values.size() - 1);
        }
        return new PageRows(ids, values, hasNext);
    }

    public PageRows page(String table, Where where, PageRequest page) {
        return page(table, where.sql(), where.params(), page);
    }

    public long count(String table, Where where) {
        return count(table, where.sql(), where.params());
    }

    public long count(String table, String where, Map<String, Object> params) {
        Long count = jdbc.queryForObject("select count(*) from " + table + " where " + where, params, Long.class);
        return count == null ? 0 : count;
    }
}

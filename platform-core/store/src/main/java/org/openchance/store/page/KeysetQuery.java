package org.openchance.store.page;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * The first page of each parent's rows in one statement (for each of {@code parents}, its rows of {@code table} by
     * {@code parentColumn}, the page's order and size: an index scan with a limit per parent, however many rows a
     * parent has): what a list of 100 opportunities with their latest activities needs, instead of a page query per
     * opportunity. Parents without rows are left out.
     */
    public Map<UUID, PageRows> firstPages(
            String table, String parentColumn, Collection<UUID> parents, Where where, PageRequest page) {
        Map<String, Object> all = new HashMap<>(where.params());
        all.put("parents", parents.toArray(UUID[]::new));
        all.put("limit", page.limit() + 1);
        String sql = "select id, parent_key, " + Keyset.sortColumns(page.keys())
                + " from unnest(cast(:parents as uuid[]))"
                + " as p(parent_key) cross join lateral (select " + table + ".* from " + table + " where " + where.sql()
                + " and " + table + "." + parentColumn + " = p.parent_key order by " + Keyset.orderBy(page.keys())
                + " limit :limit) ranked order by parent_key, " + Keyset.orderBy(page.keys());
        Map<UUID, List<UUID>> ids = new LinkedHashMap<>();
        Map<UUID, List<List<Object>>> values = new HashMap<>();
        jdbc.query(sql, all, rs -> {
            UUID parent = rs.getObject("parent_key", UUID.class);
            ids.computeIfAbsent(parent, p -> new ArrayList<>()).add(rs.getObject("id", UUID.class));
            values.computeIfAbsent(parent, p -> new ArrayList<>()).add(Keyset.read(rs, page.keys()));
        });
        Map<UUID, PageRows> pages = new HashMap<>();
        ids.forEach((parent, rowIds) -> {
            List<List<Object>> sortValues = values.get(parent);
            boolean hasNext = rowIds.size() > page.limit();
            if (hasNext) {
                rowIds.remove(rowIds.size() - 1);
                sortValues.remove(sortValues.size() - 1);
            }
            pages.put(parent, new PageRows(rowIds, sortValues, hasNext));
        });
        return pages;
    }

    /** How many rows each parent has under the condition, in one statement; parents without rows are left out. */
    public Map<UUID, Long> counts(String table, String parentColumn, Collection<UUID> parents, Where where) {
        Map<String, Object> all = new HashMap<>(where.params());
        all.put("parents", parents.toArray(UUID[]::new));
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.query(
                "select " + parentColumn + " as parent_key, count(*) as n from " + table + " where " + where.sql()
                        + " and " + parentColumn + " = any(:parents) group by " + parentColumn,
                all,
                rs -> {
                    counts.put(rs.getObject("parent_key", UUID.class), rs.getLong("n"));
                });
        return counts;
    }

    public long count(String table, Where where) {
        return count(table, where.sql(), where.params());
    }

    public long count(String table, String where, Map<String, Object> params) {
        Long count = jdbc.queryForObject("select count(*) from " + table + " where " + where, params, Long.class);
        return count == null ? 0 : count;
    }
}

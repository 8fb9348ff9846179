package org.openchance.store.page;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The list of one table under a typed filter: pages by keyset and counts, both under the same condition. Each
 * aggregate's query class says once, in {@link #where}, how its filter becomes SQL: the one place where a rule that
 * every list of it must follow (who may see what) goes.
 */
public abstract class FilteredList<F> {

    private final KeysetQuery query;
    private final String table;

    protected FilteredList(KeysetQuery query, String table) {
        this.query = query;
        this.table = table;
    }

    public PageRows page(F filter, PageRequest page) {
        return query.page(table, where(filter), page);
    }

    public long count(F filter) {
        return query.count(table, where(filter));
    }

    /** The first page of each parent's rows under the filter, in one statement (see {@link KeysetQuery#firstPages}). */
    public Map<UUID, PageRows> firstPages(F filter, String parentColumn, Collection<UUID> parents, PageRequest page) {
        return query.firstPages(table, parentColumn, parents, where(filter), page);
    }

    /** How many rows each parent has under the filter, in one statement. */
    public Map<UUID, Long> counts(F filter, String parentColumn, Collection<UUID> parents) {
        return query.counts(table, parentColumn, parents, where(filter));
    }

    /** The filter as a condition on the table's columns. */
    protected abstract Where where(F filter);
}

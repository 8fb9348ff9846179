package org.openchance.store.page;

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

    /** The filter as a condition on the table's columns. */
    protected abstract Where where(F filter);
}

package org.openchance.store.lead;

import java.util.List;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.PageRows;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;

/** Lead lists: newest first, pages by keyset. */
public final class LeadQueries {

    public static final List<SortKey> NEWEST_FIRST = List.of(
            new SortKey("created_at", SortKey.ValueType.TIMESTAMP, true), new SortKey("id", SortKey.ValueType.UUID, true));

    /** Which leads a list shows; null means "any". */
    public record Filter(LeadStatus status) {
    }

    private final KeysetQuery query;

    public LeadQueries(KeysetQuery query) {
        this.query = query;
    }

    public PageRows page(Filter filter, PageRequest page) {
        return query.page("lead", where(filter), page);
    }

    public long count(Filter filter) {
        return query.count("lead", where(filter));
    }

    private static Where where(Filter f) {
        return new Where().and("status = :status", "status", f.status() == null ? null : f.status().name());
    }
}

package org.openchance.store.lead;

import java.util.List;
import org.openchance.store.page.FilteredList;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;

/** Lead lists: newest first, pages by keyset. */
public final class LeadQueries extends FilteredList<LeadQueries.Filter> {

    public static final List<SortKey> NEWEST_FIRST =
            List.of(new SortKey("created_at", SortKey.ValueType.TIMESTAMP, true), SortKey.id(true));

    /** Which leads a list shows; null means "any". */
    public record Filter(LeadStatus status) {}

    public LeadQueries(KeysetQuery query) {
        super(query, "lead");
    }

    @Override
    protected Where where(Filter f) {
        return new Where()
                .and(
                        "status = :status",
                        "status",
                        f.status() == null ? null : f.status().name());
    }
}

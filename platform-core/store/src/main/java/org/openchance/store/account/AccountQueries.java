package org.openchance.store.account;

import java.util.List;
import java.util.UUID;
import org.openchance.store.access.AccountAccess;
import org.openchance.store.access.Viewer;
import org.openchance.store.page.FilteredList;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;

/** Account lists: the filter as SQL, pages by keyset. */
public final class AccountQueries extends FilteredList<AccountQueries.Filter> {

    /** By name, case-insensitively, then id: the order of people and company lists. */
    public static final List<SortKey> BY_NAME =
            List.of(new SortKey("lower(name)", SortKey.ValueType.TEXT, false), SortKey.id(false));

    /** Which of the accounts the viewer may read a list shows; null means "any". Deleted ones never. */
    public record Filter(Viewer viewer, String nameContains, UUID ownerId) {}

    public AccountQueries(KeysetQuery query) {
        super(query, "account");
    }

    @Override
    protected Where where(Filter f) {
        String name = f.nameContains() == null || f.nameContains().isBlank()
                ? null
                : "%"
                        + f.nameContains()
                                .replace("\\", "\\\\")
                                .replace("%", "\\%")
                                .replace("_", "\\_") + "%";
        return AccountAccess.readable(f.viewer(), "account", new Where())
                .and("deleted_at is null")
                .and("name ilike :name escape '\\'", "name", name)
                .and("owner_id = :owner", "owner", f.ownerId());
    }
}

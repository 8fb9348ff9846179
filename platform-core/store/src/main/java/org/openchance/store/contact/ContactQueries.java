package org.openchance.store.contact;

import java.util.List;
import java.util.UUID;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.PageRows;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;

/** Contact lists: an account's people, pages by keyset. */
public final class ContactQueries {

    /** By last name, case-insensitively, then id. */
    public static final List<SortKey> BY_LAST_NAME = List.of(
            new SortKey("lower(last_name)", SortKey.ValueType.TEXT, false), new SortKey("id", SortKey.ValueType.UUID, false));

    private final KeysetQuery query;

    public ContactQueries(KeysetQuery query) {
        this.query = query;
    }

    public PageRows ofAccount(UUID accountId, PageRequest page) {
        return query.page("contact", ofAccount(accountId), page);
    }

    public long countOfAccount(UUID accountId) {
        return query.count("contact", ofAccount(accountId));
    }

    private static Where ofAccount(UUID accountId) {
        return new Where().and("account_id = :account", "account", accountId).and("deleted_at is null");
    }
}

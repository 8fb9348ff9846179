package org.openchance.store.contact;

import java.util.List;
import java.util.UUID;
import org.openchance.store.access.AccountAccess;
import org.openchance.store.access.Viewer;
import org.openchance.store.page.FilteredList;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;

/** Contact lists: an account's people, pages by keyset. */
public final class ContactQueries extends FilteredList<ContactQueries.Filter> {

    /** By last name, case-insensitively, then id. */
    public static final List<SortKey> BY_LAST_NAME =
            List.of(new SortKey("lower(last_name)", SortKey.ValueType.TEXT, false), SortKey.id(false));

    /** The (live) contacts of one account that the viewer may see (null: of the accounts a batch of first pages names). */
    public record Filter(Viewer viewer, UUID accountId) {}

    public ContactQueries(KeysetQuery query) {
        super(query, "contact");
    }

    @Override
    protected Where where(Filter f) {
        Where where = new Where()
                .and("account_id = :account", "account", f.accountId())
                .and("deleted_at is null");
        // a contact goes with its account (and with the deals it is on); partners see only the contacts of their deals
        return AccountAccess.readableContact(f.viewer(), "contact", where);
    }
}

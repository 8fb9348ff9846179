package org.openchance.store.contact;

import java.util.List;
import java.util.UUID;
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

    /** The (live) contacts of one account that the viewer may see. */
    public record Filter(Viewer viewer, UUID accountId) {}

    public ContactQueries(KeysetQuery query) {
        super(query, "contact");
    }

    @Override
    protected Where where(Filter f) {
        Where where = new Where()
                .and("account_id = :account", "account", f.accountId())
                .and("deleted_at is null");
        // Accounts are shared with employees; a partner sees only the contacts on their deals.
        if (f.viewer().reach() == Viewer.Reach.PARTNER && f.viewer().sight().isEmpty()) {
            where.and("false");
        } else if (f.viewer().reach() == Viewer.Reach.PARTNER) {
            where.and(
                    "exists (select 1 from opportunity_contact oc where oc.contact_id = contact.id and exists"
                            + " (select 1 from opportunity_team_member vt where vt.opportunity_id = oc.opportunity_id"
                            + " and vt.user_id in (:viewerSight)))",
                    "viewerSight",
                    f.viewer().sight());
        }
        return where;
    }
}

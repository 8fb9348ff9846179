package org.openchance.server.user;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.openchance.search.index.DocType;
import org.openchance.search.query.Visibility;
import org.openchance.store.access.Viewer;
import org.springframework.stereotype.Component;

/**
 * The visibility rule for search: the same {@link Viewer} the store compiles to SQL, compiled to a filter on the
 * documents' {@code visible_to} (owner and team). Types whose sharing default lets the viewer read everything stay
 * open; a partner sees no record without an owner.
 */
@Component
public class RecordVisibility {

    private final CurrentUser currentUser;

    RecordVisibility(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    /** The rule for a search by the current user. */
    public Visibility forSearch() {
        Viewer viewer = currentUser.viewer();
        if (!viewer.restrictsOpportunities() && !viewer.restrictsAccounts()) {
            return Visibility.ALL;
        }
        Set<DocType> open = EnumSet.noneOf(DocType.class);
        if (!viewer.restrictsOpportunities()) {
            open.add(DocType.OPPORTUNITY);
            open.add(DocType.ACTIVITY);
        }
        if (!viewer.restrictsAccounts()) {
            open.add(DocType.ACCOUNT);
            open.add(DocType.CONTACT);
        }
        Set<String> users = viewer.sight().stream().map(Object::toString).collect(Collectors.toSet());
        return Visibility.onlyFor(users, viewer.reach() != Viewer.Reach.PARTNER, open);
    }
}

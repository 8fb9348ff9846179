package org.openchance.server.user;

import java.util.Set;
import java.util.stream.Collectors;
import org.openchance.search.index.Projections;
import org.openchance.search.query.Visibility;
import org.openchance.store.access.Viewer;
import org.openchance.store.search.SearchSources;
import org.springframework.stereotype.Component;

/**
 * The visibility rule for search: the same {@link Viewer} the store compiles to SQL ({@code OpportunityAccess},
 * {@code AccountAccess}), compiled to a filter on the documents' {@code visible_to} (owner and team of a deal; owner
 * and the employees who read its deals of an account). Where the sharing default lets the viewer read every deal or
 * every account, those documents stay open; a partner sees only deals, none without an owner.
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
        Set<String> readers = viewer.sight().stream().map(Object::toString).collect(Collectors.toSet());
        if (viewer.reach() == Viewer.Reach.PARTNER) {
            return Visibility.dealsOf(readers);
        }
        readers.add(Projections.EVERYONE); // records without an owner are every employee's
        if (!viewer.restrictsOpportunities()) {
            readers.add(SearchSources.WITH_DEALS); // reading every deal, they read every account with a deal
        }
        return Visibility.employee(readers, !viewer.restrictsOpportunities(), !viewer.restrictsAccounts());
    }
}

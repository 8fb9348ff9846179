package org.openchance.server.opportunity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.access.Access;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.RowsById;
import org.openchance.store.page.Where;
import org.springframework.stereotype.Component;

/**
 * Opportunities by id as the current user may see them: every read path that loads deals by id (a query field,
 * {@code node}, an edge to a deal, search hits, data loaders) loads them here, so none can skip the rule.
 */
@Component
public class VisibleOpportunities {

    private final RowsById<OpportunityRow> rows;
    private final OpportunityAccess access;
    private final CurrentUser currentUser;

    VisibleOpportunities(RowsById<OpportunityRow> rows, OpportunityAccess access, CurrentUser currentUser) {
        this.rows = rows;
        this.access = access;
        this.currentUser = currentUser;
    }

    /** The rows the current user may see, deleted ones included; the others are left out as if they did not exist. */
    public List<OpportunityRow> find(Collection<UUID> ids) {
        Viewer viewer = currentUser.viewer();
        if (!viewer.restrictsOpportunities()) {
            return rows.find(ids);
        }
        // the rows and the rule in one statement
        return rows.find(ids, OpportunityAccess.readable(viewer, "opportunity", new Where()));
    }

    /** The live (not deleted) opportunity, if the current user may see it. */
    public Optional<OpportunityRow> live(UUID id) {
        return find(List.of(id)).stream().filter(o -> o.deletedAt() == null).findFirst();
    }

    /** Which of these activities (of deals or accounts) the current user may read. */
    public Set<UUID> readableActivities(Collection<UUID> ids) {
        return access.readableChildren(currentUser.viewer(), "activity", ids);
    }

    /** What the current user may do with the opportunity. */
    public Access accessTo(UUID id) {
        return access.access(currentUser.viewer(), id);
    }

    /**
     * Refuses a change of the opportunity (or of something of it, {@code what}): NOT_FOUND if the current user may
     * not see it (existence must not leak), FORBIDDEN with {@code readOnly} if they may only read it.
     */
    public void requireEdit(UUID id, String field, String what, String readOnly) {
        Access a = accessTo(id);
        if (!a.canRead()) {
            throw new UserErrorException(UserError.notFound(field, what));
        }
        if (!a.canEdit()) {
            throw new UserErrorException(new UserError(UserError.FORBIDDEN, readOnly, field));
        }
    }
}

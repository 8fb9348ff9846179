package org.openchance.server.activity;

import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.access.Access;
import org.openchance.store.activity.ActivityRow;
import org.springframework.stereotype.Component;

/**
 * What the current user may do with an activity (and its attachments): what they may do with its deal; an account's
 * own activity is every employee's and no partner's (accounts are shared with employees).
 */
@Component
public class ActivityAccess {

    private final VisibleOpportunities opportunities;
    private final CurrentUser currentUser;

    ActivityAccess(VisibleOpportunities opportunities, CurrentUser currentUser) {
        this.opportunities = opportunities;
        this.currentUser = currentUser;
    }

    public Access of(ActivityRow activity) {
        if (activity.opportunityId() != null) {
            return opportunities.accessTo(activity.opportunityId());
        }
        return currentUser.isPartner() ? Access.NONE : Access.EDIT;
    }
}

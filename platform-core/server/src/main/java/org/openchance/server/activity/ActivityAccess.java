package org.openchance.server.activity;

import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.store.access.Access;
import org.openchance.store.activity.ActivityRow;
import org.springframework.stereotype.Component;

/**
 * What the current user may do with an activity (and its attachments): what they may do with its deal; with an
 * account's own activity, what they may do with the account (no partner's).
 */
@Component
public class ActivityAccess {

    private final VisibleOpportunities opportunities;
    private final VisibleAccounts accounts;

    ActivityAccess(VisibleOpportunities opportunities, VisibleAccounts accounts) {
        this.opportunities = opportunities;
        this.accounts = accounts;
    }

    public Access of(ActivityRow activity) {
        if (activity.opportunityId() != null) {
            return opportunities.accessTo(activity.opportunityId());
        }
        return accounts.accessTo(activity.accountId());
    }
}

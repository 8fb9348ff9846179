package org.openchance.api.host;

import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes plugins make to an opportunity's fields they keep in step with their own records, with the product's
 * history and events. They act for the user the plugin acts for, who must be allowed to change the deal (the system
 * in background work).
 */
@ProviderType
public interface OpportunityUpdates {

    /**
     * Sets the number of competitors in the running (the scoring input {@code competitorCount}), 0 to 100. Nothing
     * happens when it is that already or the deal is gone.
     *
     * @throws IllegalArgumentException with the reason when the change is refused
     */
    void setCompetitorCount(UUID opportunityId, int count);
}

package org.openchance.api.host;

import java.math.BigDecimal;
import java.util.UUID;
import org.openchance.api.model.Money;
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

    /**
     * Sets the amount agreed with the customer (say, of an accepted quote) as {@code updateOpportunity} would, with
     * history and events, and, when {@code closeWon}, closes the deal as won in the same transaction: both or
     * neither. The deal must be open.
     *
     * @param note the close note when {@code closeWon}, e.g. "Quote Q-2026-00042 rev 2 accepted"; may be null
     * @throws IllegalArgumentException with the reasons when the change is refused (not visible, read only, closed,
     *     a stage rule, a bad amount)
     */
    void setAgreedAmount(UUID opportunityId, Money amount, boolean closeWon, String note);

    /**
     * Sets the discount of the deal's latest sent or accepted quote, in percent of the quote's undiscounted prices (0
     * to 100; null when it has none any more): win/loss analysis averages it per row. Every value is kept with when it
     * was set. Nothing happens when it is that already. Needs edit access to the deal.
     *
     * @throws IllegalArgumentException with the reason when the change is refused (not visible, read only, out of
     *     range)
     */
    void setQuotedDiscount(UUID opportunityId, BigDecimal percent);
}

package org.openchance.store.opportunity;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.openchance.store.money.AmountBound;

/**
 * Which opportunities a list shows; null or empty means "any" (but {@code amountBounds}: null is any amount, empty
 * none). Deleted ones only when asked for.
 */
public record OpportunityFilter(
        OpportunityStatus status,
        List<UUID> stageIds,
        List<UUID> ownerIds,
        UUID accountId,
        LocalDate closeDateFrom,
        LocalDate closeDateTo,
        List<AmountBound> amountBounds,
        Boolean stalled,
        boolean deleted) {

    public static OpportunityFilter any() {
        return new OpportunityFilter(null, null, null, null, null, null, null, null, false);
    }
}

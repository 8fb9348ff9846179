package org.openchance.store.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Which opportunities a list shows; null or empty means "any". Deleted ones only when asked for. */
public record OpportunityFilter(
        OpportunityStatus status,
        List<UUID> stageIds,
        List<UUID> ownerIds,
        UUID accountId,
        LocalDate closeDateFrom,
        LocalDate closeDateTo,
        BigDecimal amountMin,
        BigDecimal amountMax,
        Boolean stalled,
        boolean deleted) {

    public static OpportunityFilter any() {
        return new OpportunityFilter(null, null, null, null, null, null, null, null, null, false);
    }
}

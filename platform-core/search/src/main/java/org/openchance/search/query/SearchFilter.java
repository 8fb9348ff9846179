package org.openchance.search.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Narrows a search; every part is optional (null or empty = no restriction). A record lacking a filtered field
 * (an account has no stage) does not pass that filter.
 */
public record SearchFilter(
        List<String> stageIds,
        List<String> ownerIds,
        List<String> statuses,
        List<String> industries,
        BigDecimal amountMin,
        BigDecimal amountMax,
        LocalDate closeDateFrom,
        LocalDate closeDateTo) {

    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null, null, null, null);
}

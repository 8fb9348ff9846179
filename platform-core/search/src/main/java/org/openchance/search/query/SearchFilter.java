package org.openchance.search.query;

import java.time.LocalDate;
import java.util.List;
import org.openchance.store.money.AmountBound;

/**
 * Narrows a search; every part is optional (null or empty = no restriction). A record lacking a filtered field
 * (an account has no stage) does not pass that filter. {@code amountBounds}: one bound per currency (null: any
 * amount, empty: none), see {@link AmountBound}.
 */
public record SearchFilter(
        List<String> stageIds,
        List<String> ownerIds,
        List<String> statuses,
        List<String> industries,
        List<AmountBound> amountBounds,
        LocalDate closeDateFrom,
        LocalDate closeDateTo) {

    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null, null, null);
}

package org.openchance.api.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One open opportunity's part of a period's expected amount: what explains a forecast.
 *
 * @param amount the part of {@code expected} it brings, in the forecast's currency
 */
public record Contributor(UUID opportunityId, BigDecimal amount) {

    /**
     * The {@code max} largest positive parts, largest first (ties by id, so the answer is stable), rounded half even to
     * cents: what {@link PeriodForecast#withContributors} shows.
     */
    public static List<Contributor> largest(Collection<Contributor> all, int max) {
        return all.stream()
                .filter(c -> c.amount().signum() > 0)
                .sorted(Comparator.comparing(Contributor::amount).reversed().thenComparing(Contributor::opportunityId))
                .limit(max)
                .map(c -> new Contributor(c.opportunityId(), c.amount().setScale(2, RoundingMode.HALF_EVEN)))
                .toList();
    }
}

package org.openchance.plugins.forecaststageconversion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import org.openchance.api.forecast.Contributor;

/** The deals bringing most to a period: largest first (ties by id, so the answer is stable), rounded to cents. */
final class TopContributors {

    static final int MAX = 10;

    private TopContributors() {}

    static List<Contributor> of(List<Contributor> all) {
        return all.stream()
                .filter(c -> c.amount().signum() > 0)
                .sorted(Comparator.comparing(Contributor::amount).reversed().thenComparing(Contributor::opportunityId))
                .limit(MAX)
                .map(c -> new Contributor(c.opportunityId(), cents(c.amount())))
                .toList();
    }

    static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }
}

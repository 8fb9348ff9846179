package org.openchance.api.forecast;

import java.util.List;
import java.util.Objects;
import org.openchance.api.model.Money;

/**
 * A model's prediction for one period, built by {@link #of} or {@link #unavailable} and the {@code with...} methods
 * (components may be added in minor versions; those factories stay).
 *
 * @param expected         what the open deals are expected to bring in the period; null when unavailable
 * @param p10              the amount the model is 90% sure to reach; null when it gives no interval
 * @param p50              the median
 * @param p90              the amount the model is 90% sure not to exceed
 * @param quotaProbability the probability of reaching the period's quota (0 to 1); null when not given
 * @param contributors     the deals bringing most of {@code expected}, largest first (at most 10 are shown)
 * @param explanation      one sentence on how it got there, shown next to the number
 * @param unavailable      why the model cannot forecast the period (e.g. "needs 30 closed deals, had 12"); null
 *     when it can
 */
public record PeriodForecast(
        Period period,
        Money expected,
        Money p10,
        Money p50,
        Money p90,
        Double quotaProbability,
        List<Contributor> contributors,
        String explanation,
        String unavailable) {

    public PeriodForecast {
        Objects.requireNonNull(period, "period");
        contributors = List.copyOf(contributors);
        if ((expected == null) == (unavailable == null)) {
            throw new IllegalArgumentException("A period forecast has an expected amount or a reason it has none");
        }
    }

    public static PeriodForecast of(Period period, Money expected, String explanation) {
        return new PeriodForecast(period, expected, null, null, null, null, List.of(), explanation, null);
    }

    public static PeriodForecast unavailable(Period period, String reason) {
        return new PeriodForecast(period, null, null, null, null, null, List.of(), null, reason);
    }

    public PeriodForecast withInterval(Money p10, Money p50, Money p90) {
        return new PeriodForecast(
                period, expected, p10, p50, p90, quotaProbability, contributors, explanation, unavailable);
    }

    public PeriodForecast withQuotaProbability(double probability) {
        return new PeriodForecast(period, expected, p10, p50, p90, probability, contributors, explanation, unavailable);
    }

    public PeriodForecast withContributors(List<Contributor> list) {
        return new PeriodForecast(period, expected, p10, p50, p90, quotaProbability, list, explanation, unavailable);
    }

    public boolean isAvailable() {
        return unavailable == null;
    }
}

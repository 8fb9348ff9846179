package org.openchance.plugins.forecastweighted;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.openchance.api.forecast.Contributor;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.osgi.service.component.annotations.Component;

/**
 * The classic weighted pipeline: each open deal brings its amount times its win probability to the period of its
 * expected close date. A deal that is overdue or has no close date counts in the period containing {@code asOf}
 * (it may still close any day), and nowhere when that period is not asked for. Deals without an amount bring
 * nothing. Needs no history, so it always answers.
 */
@Component(service = ForecastModel.class, property = ForecastModel.ID + "=weighted")
public class WeightedForecast implements ForecastModel {

    @Override
    public String name() {
        return "Weighted pipeline";
    }

    @Override
    public String description() {
        return "Each open deal's amount times its win probability, in the period of its expected close date; overdue"
                + " and undated deals count in the current period.";
    }

    @Override
    public List<PeriodForecast> forecast(ForecastInput input) {
        return input.periods().stream().map(period -> forecast(period, input)).toList();
    }

    private static PeriodForecast forecast(Period period, ForecastInput input) {
        BigDecimal sum = BigDecimal.ZERO;
        List<Contributor> parts = new ArrayList<>();
        int deals = 0;
        int countedNow = 0;
        for (OpportunitySnapshot deal : input.open()) {
            LocalDate closes = closeDay(deal, input.asOf());
            if (deal.amount() == null || !period.contains(closes)) {
                continue;
            }
            deals++;
            if (!closes.equals(deal.expectedCloseDate())) {
                countedNow++;
            }
            BigDecimal weighted = deal.amount().percent(deal.probability()).amount();
            sum = sum.add(weighted);
            parts.add(new Contributor(deal.id(), weighted));
        }
        Money expected = new Money(sum.setScale(2, RoundingMode.HALF_EVEN), input.currency());
        return PeriodForecast.of(period, expected, explanation(deals, countedNow))
                .withContributors(Contributor.largest(parts, 10));
    }

    /** The expected close date, or {@code asOf} for a deal that is overdue or not planned yet. */
    private static LocalDate closeDay(OpportunitySnapshot deal, LocalDate asOf) {
        LocalDate expected = deal.expectedCloseDate();
        return expected == null || expected.isBefore(asOf) ? asOf : expected;
    }

    private static String explanation(int deals, int countedNow) {
        String text = deals + (deals == 1 ? " open deal" : " open deals")
                + " expected to close in the period, each amount × its win probability";
        if (countedNow > 0) {
            text += " (" + countedNow + " of them overdue or without a close date, counted now)";
        }
        return text;
    }
}

package org.openchance.plugins.forecaststageconversion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.forecast.Contributor;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.forecast.StageConversion;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.osgi.service.component.annotations.Component;

/**
 * Learns from the closed deals, not from the probability field: each open deal brings its amount times the share of
 * comparable past deals that were won (same stage, as long in it), spread over the periods as those won deals
 * closed. What would close before the first or after the last period is in none. A stage no closed deal went
 * through teaches nothing, so its deals bring nothing (the explanation says how many).
 */
@Component(service = ForecastModel.class, property = ForecastModel.ID + "=stage-conversion")
public class StageConversionForecast implements ForecastModel {

    static final int MIN_CLOSED_DEALS = 30;

    /** Enough digits that the rounding to cents of the sum is exact in practice. */
    private static final int WORKING_SCALE = 10;

    @Override
    public String name() {
        return "Stage conversion";
    }

    @Override
    public String description() {
        return "Each open deal's amount times the share of past deals won from its stage and age in it, spread over"
                + " the periods as those deals closed; learned from the closed deals.";
    }

    @Override
    public String needs() {
        return "needs " + MIN_CLOSED_DEALS + " closed deals";
    }

    @Override
    public List<PeriodForecast> forecast(ForecastInput input) {
        StageConversion conversion = StageConversion.learn(input.closed(), input.allOpen(), input.asOf());
        List<Period> periods = input.periods();
        if (conversion.closedDeals() < MIN_CLOSED_DEALS) {
            String reason = needs() + ", had " + conversion.closedDeals();
            return periods.stream()
                    .map(period -> PeriodForecast.unavailable(period, reason))
                    .toList();
        }
        BigDecimal[] sums = new BigDecimal[periods.size()];
        List<List<Contributor>> parts = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            sums[p] = BigDecimal.ZERO;
            parts.add(new ArrayList<>());
        }
        // deals of a stage often share an age: what their outlook says about each period is worked out once
        Map<StageAge, Expectation> expectations = new HashMap<>();
        int counted = 0;
        int unknownStage = 0;
        for (OpportunitySnapshot deal : input.open()) {
            if (deal.amount() == null) {
                continue;
            }
            StageAge key = new StageAge(deal.stageId(), StageConversion.daysInStage(deal, input.asOf()));
            Expectation expectation = expectations.computeIfAbsent(
                    key, k -> Expectation.of(conversion.outlook(k.stageId(), k.days()), periods, input.asOf()));
            if (expectation.observations() == 0) {
                unknownStage++;
                continue;
            }
            counted++;
            for (int p = 0; p < periods.size(); p++) {
                BigDecimal part = expectation.part(deal.amount().amount(), p);
                if (part.signum() != 0) {
                    sums[p] = sums[p].add(part);
                    parts.get(p).add(new Contributor(deal.id(), part));
                }
            }
        }
        String explanation = explanation(counted, unknownStage, conversion.closedDeals());
        List<PeriodForecast> forecasts = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            Money expected = new Money(sums[p].setScale(2, RoundingMode.HALF_EVEN), input.currency());
            forecasts.add(PeriodForecast.of(periods.get(p), expected, explanation)
                    .withContributors(Contributor.largest(parts.get(p), 10)));
        }
        return forecasts;
    }

    private static String explanation(int counted, int unknownStage, int closedDeals) {
        String text = counted + (counted == 1 ? " open deal" : " open deals")
                + ", each amount × the share of past deals won from its stage and days in it, closing in the period"
                + " as those did (learned from " + closedDeals + " closed deals)";
        if (unknownStage > 0) {
            text += "; " + unknownStage + (unknownStage == 1 ? " deal" : " deals")
                    + " in stages no closed deal went through count nothing";
        }
        return text;
    }

    /** Per period, the probability an outlook gives the deal's win falling in it; and what it learned from. */
    private record Expectation(int observations, BigDecimal[] share) {

        static Expectation of(StageConversion.Outlook outlook, List<Period> periods, LocalDate asOf) {
            BigDecimal[] share = new BigDecimal[periods.size()];
            for (int p = 0; p < periods.size(); p++) {
                share[p] = BigDecimal.valueOf(outlook.probabilityWonWithin(
                        ChronoUnit.DAYS.between(asOf, periods.get(p).from()),
                        ChronoUnit.DAYS.between(asOf, periods.get(p).to())));
            }
            return new Expectation(outlook.observations(), share);
        }

        /** amount × the probability of its win in the period. */
        BigDecimal part(BigDecimal amount, int period) {
            return share[period].signum() == 0
                    ? BigDecimal.ZERO
                    : amount.multiply(share[period]).setScale(WORKING_SCALE, RoundingMode.HALF_EVEN);
        }
    }

    /** A stage and the days spent in it: what an outlook depends on. */
    private record StageAge(UUID stageId, long days) {}
}

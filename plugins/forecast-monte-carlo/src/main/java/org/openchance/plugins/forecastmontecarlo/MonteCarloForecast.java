package org.openchance.plugins.forecastmontecarlo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openchance.api.forecast.Contributor;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.forecast.StageConversion;
import org.openchance.api.model.Money;
import org.osgi.service.component.annotations.Component;

/**
 * Simulates the pipeline many times from the stage conversion learned from the closed deals: in each run every open
 * deal is won at the rate comparable past deals were (same stage, as long in it) and then closes as one of those
 * won deals did. The runs give the expected amount per period, the P10/P50/P90 interval and the probability of
 * reaching the quota. Seeded by the input, so the same input gives the same answer.
 */
@Component(service = ForecastModel.class, property = ForecastModel.ID + "=monte-carlo")
public class MonteCarloForecast implements ForecastModel {

    static final int MIN_CLOSED_DEALS = 30;
    static final int DEFAULT_RUNS = 10_000;
    /**
     * Never fewer runs: the P10 and P90 of 250 runs are within about 2 percentiles of the true ones, and a pipeline
     * that large sums so many independent deals that its spread is narrow anyway.
     */
    static final int MIN_RUNS = 250;
    /**
     * Runs × deals simulated: 6 million draws take about 60 ms here, so the forecast of 24,000 open deals (250 runs)
     * answers within the half second a forecast may take at 100,000 opportunities.
     */
    static final long MAX_DRAWS = 6_000_000L;

    @Override
    public String name() {
        return "Monte Carlo";
    }

    @Override
    public String description() {
        return "Simulates the pipeline thousands of times with the win rates and close times of past deals per stage:"
                + " the expected amount, a P10 to P90 range and the chance of reaching the quota.";
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
        Pipeline pipeline = Pipeline.of(input, conversion);
        int runs = runs(pipeline.simulatedDeals());
        double[][] sums = Simulation.run(pipeline, periods.size(), runs, input.seed());
        String explanation = explanation(runs, pipeline, conversion.closedDeals());
        List<PeriodForecast> forecasts = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            forecasts.add(forecast(periods.get(p), sums[p], input, explanation)
                    .withContributors(Contributor.largest(pipeline.expectedParts(p), 10)));
        }
        return forecasts;
    }

    /** 10,000 runs, fewer for a big pipeline (at most 6 million draws), never fewer than 250. */
    static int runs(int deals) {
        return (int) Math.max(MIN_RUNS, Math.min(DEFAULT_RUNS, MAX_DRAWS / Math.max(1, deals)));
    }

    private static PeriodForecast forecast(Period period, double[] runSums, ForecastInput input, String explanation) {
        String currency = input.currency();
        PeriodForecast forecast = PeriodForecast.of(period, money(Simulation.mean(runSums), currency), explanation);
        Money quota = input.quotas().get(period);
        if (quota != null && quota.currency().equals(currency)) {
            forecast = forecast.withQuotaProbability(
                    Simulation.shareAtLeast(runSums, quota.amount().doubleValue()));
        }
        Arrays.sort(runSums); // after the quota: the order of runs matters no more
        return forecast.withInterval(
                money(Simulation.quantile(runSums, 0.1), currency),
                money(Simulation.quantile(runSums, 0.5), currency),
                money(Simulation.quantile(runSums, 0.9), currency));
    }

    private static Money money(double amount, String currency) {
        return new Money(BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN), currency);
    }

    private static String explanation(int runs, Pipeline pipeline, int closedDeals) {
        String text = String.format(
                Locale.ROOT,
                "%,d simulated runs of %d open %s, each won as often as past deals from the same stage and days in"
                        + " it were and closing as those did (learned from %d closed deals)",
                runs,
                pipeline.counted,
                pipeline.counted == 1 ? "deal" : "deals",
                closedDeals);
        if (pipeline.unknownStage > 0) {
            text += "; " + pipeline.unknownStage + (pipeline.unknownStage == 1 ? " deal" : " deals")
                    + " in stages no closed deal went through count nothing";
        }
        return text;
    }
}

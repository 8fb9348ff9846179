package org.openchance.plugins.forecastmontecarlo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.forecast.Contributor;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.StageConversion;
import org.openchance.api.model.OpportunitySnapshot;

/**
 * The open deals prepared for simulation, in flat arrays the run loop reads without allocating: per deal that can be
 * won, its amount, its win rate and, for each remaining-days value of its outlook, the index of the period that day
 * falls in, or the number of periods when it falls in none (a slot the simulation adds to and then ignores, which
 * spares it a branch). Also each deal's exact expected part per period, for the contributors.
 */
final class Pipeline {

    /** Enough digits that the rounding to cents of a part is exact in practice. */
    private static final int WORKING_SCALE = 10;

    final double[] amounts;
    final double[] winRates;
    final int[][] periodOfDraw;
    /** Deals with an amount in a stage closed deals went through, won at some rate or not. */
    final int counted;
    /** Deals with an amount in a stage no closed deal went through: they bring nothing. */
    final int unknownStage;

    private final List<List<Contributor>> expectedParts;

    private Pipeline(
            double[] amounts,
            double[] winRates,
            int[][] periodOfDraw,
            int counted,
            int unknownStage,
            List<List<Contributor>> expectedParts) {
        this.amounts = amounts;
        this.winRates = winRates;
        this.periodOfDraw = periodOfDraw;
        this.counted = counted;
        this.unknownStage = unknownStage;
        this.expectedParts = expectedParts;
    }

    static Pipeline of(ForecastInput input, StageConversion conversion) {
        List<Period> periods = input.periods();
        List<List<Contributor>> parts = new ArrayList<>();
        periods.forEach(period -> parts.add(new ArrayList<>()));
        Map<StageAge, Prepared> prepared = new HashMap<>(); // deals of a stage often share an age
        long[] periodEnds = periods.stream().mapToLong(p -> p.to().toEpochDay()).toArray();
        int size = input.open().size();
        double[] amounts = new double[size];
        double[] winRates = new double[size];
        int[][] periodOfDraw = new int[size][];
        int simulated = 0;
        int counted = 0;
        int unknownStage = 0;
        for (OpportunitySnapshot deal : input.open()) {
            if (deal.amount() == null) {
                continue;
            }
            StageAge key = new StageAge(deal.stageId(), StageConversion.daysInStage(deal, input.asOf()));
            Prepared outlook = prepared.computeIfAbsent(
                    key, k -> Prepared.of(conversion.outlook(k.stageId(), k.days()), input, periodEnds));
            if (outlook.observations == 0) {
                unknownStage++;
                continue;
            }
            counted++;
            BigDecimal amount = deal.amount().amount();
            for (int p = 0; p < periods.size(); p++) {
                if (outlook.shareOfPeriod[p].signum() > 0) {
                    BigDecimal part =
                            amount.multiply(outlook.shareOfPeriod[p]).setScale(WORKING_SCALE, RoundingMode.HALF_EVEN);
                    parts.get(p).add(new Contributor(deal.id(), part));
                }
            }
            if (outlook.winRate > 0) {
                amounts[simulated] = amount.doubleValue();
                winRates[simulated] = outlook.winRate;
                periodOfDraw[simulated] = outlook.periodOfDraw;
                simulated++;
            }
        }
        return new Pipeline(
                Arrays.copyOf(amounts, simulated),
                Arrays.copyOf(winRates, simulated),
                Arrays.copyOf(periodOfDraw, simulated),
                counted,
                unknownStage,
                parts);
    }

    /** The deals that can be won: the ones simulated. */
    int simulatedDeals() {
        return amounts.length;
    }

    /** Each deal's expected part of the period: amount × win rate × share of its won close days in the period. */
    List<Contributor> expectedParts(int period) {
        return expectedParts.get(period);
    }

    /** A stage and the days spent in it: what an outlook depends on. */
    private record StageAge(UUID stageId, long days) {}

    /** How many entries a deal's table of close-day periods has at most. */
    static final int DRAW_TABLE = 1024;

    /** An outlook mapped onto the requested periods. */
    private record Prepared(int observations, double winRate, int[] periodOfDraw, BigDecimal[] shareOfPeriod) {

        /**
         * The outlook's win days as periods: per period the probability of the win falling in it (for the
         * contributors), and a draw table of 1,024 entries, each the period of an evenly spaced quantile of the days
         * to a win (a period's share in the table is within 0.1 % of its probability).
         */
        static Prepared of(StageConversion.Outlook outlook, ForecastInput input, long[] periodEnds) {
            double winRate = outlook.winRate();
            int[] periodOfDraw = new int[winRate > 0 ? DRAW_TABLE : 1];
            periodOfDraw[0] = periodEnds.length;
            if (winRate > 0) {
                int[] days = outlook.remainingDaysAtQuantiles(DRAW_TABLE); // ascending, so are their periods
                for (int i = 0; i < DRAW_TABLE; i++) {
                    periodOfDraw[i] = i > 0 && days[i] == days[i - 1]
                            ? periodOfDraw[i - 1]
                            : periodIndex(periodEnds, input, days[i]);
                }
            }
            List<Period> periods = input.periods();
            BigDecimal[] shareOfPeriod = new BigDecimal[periods.size()];
            for (int p = 0; p < periods.size(); p++) {
                shareOfPeriod[p] = BigDecimal.valueOf(outlook.probabilityWonWithin(
                        periods.get(p).from().toEpochDay() - input.asOf().toEpochDay(),
                        periods.get(p).to().toEpochDay() - input.asOf().toEpochDay()));
            }
            return new Prepared(outlook.observations(), winRate, periodOfDraw, shareOfPeriod);
        }

        /** The period a close {@code day} days after asOf falls in: the first whose last day is not before it. */
        private static int periodIndex(long[] periodEnds, ForecastInput input, int day) {
            long epochDay = input.asOf().toEpochDay() + day;
            for (int p = 0; p < periodEnds.length; p++) {
                if (epochDay <= periodEnds[p]) {
                    return epochDay >= input.periods().get(p).from().toEpochDay() ? p : periodEnds.length;
                }
            }
            return periodEnds.length;
        }
    }
}

package org.openchance.plugins.forecastmontecarlo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
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
            Prepared outlook =
                    prepared.computeIfAbsent(key, k -> Prepared.of(conversion.outlook(k.stageId(), k.days()), input));
            if (outlook.observations == 0) {
                unknownStage++;
                continue;
            }
            counted++;
            BigDecimal amount = deal.amount().amount();
            for (int p = 0; p < periods.size(); p++) {
                if (outlook.wonPerPeriod[p] > 0) {
                    BigDecimal part = amount.multiply(BigDecimal.valueOf(outlook.wonPerPeriod[p]))
                            .divide(BigDecimal.valueOf(outlook.observations), WORKING_SCALE, RoundingMode.HALF_EVEN);
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

    /** An outlook mapped onto the requested periods. */
    private record Prepared(int observations, double winRate, int[] periodOfDraw, int[] wonPerPeriod) {

        static Prepared of(StageConversion.Outlook outlook, ForecastInput input) {
            List<Period> periods = input.periods();
            int[] remaining = outlook.remainingDaysArray();
            int[] periodOfDraw = new int[remaining.length];
            int[] wonPerPeriod = new int[periods.size()];
            for (int i = 0; i < remaining.length; i++) {
                periodOfDraw[i] = periodIndex(periods, input.asOf().plusDays(remaining[i]));
                if (periodOfDraw[i] < periods.size()) {
                    wonPerPeriod[periodOfDraw[i]]++;
                }
            }
            return new Prepared(outlook.observations(), outlook.winRate(), periodOfDraw, wonPerPeriod);
        }

        private static int periodIndex(List<Period> periods, LocalDate day) {
            for (int p = 0; p < periods.size(); p++) {
                if (periods.get(p).contains(day)) {
                    return p;
                }
            }
            return periods.size();
        }
    }
}

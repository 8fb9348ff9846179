package org.openchance.plugins.forecastmontecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.StageChange;
import org.openchance.plugins.forecaststageconversion.StageConversionForecast;

class MonteCarloForecastTest {

    static final UUID QUALIFY = UUID.randomUUID();
    static final UUID PROPOSE = UUID.randomUUID();
    static final LocalDate AS_OF = LocalDate.of(2024, 3, 1);
    static final Period MARCH = new Period(AS_OF, LocalDate.of(2024, 3, 31));
    static final Period APRIL = new Period(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 30));
    /** Long enough for every deal of the known process to close in it. */
    static final Period TWO_MONTHS = new Period(AS_OF, AS_OF.plusDays(60));

    final MonteCarloForecast model = new MonteCarloForecast();

    @Test
    void theSameInputAndSeedGiveTheSameAnswer() {
        Random random = new Random(5);
        ForecastInput input = new ForecastInput(
                AS_OF,
                "EUR",
                List.of(MARCH, APRIL),
                openDeals(300, random),
                history(500, random),
                Map.of(MARCH, Money.of("50000", "EUR")),
                42);
        ForecastInput otherSeed = new ForecastInput(
                input.asOf(), "EUR", input.periods(), input.open(), input.closed(), input.quotas(), 43);

        List<PeriodForecast> first = model.forecast(input);

        assertThat(model.forecast(input)).isEqualTo(first);
        assertThat(model.forecast(otherSeed)).isNotEqualTo(first);
        PeriodForecast march = first.get(0);
        assertThat(march.p10().amount()).isLessThan(march.p50().amount());
        assertThat(march.p50().amount()).isLessThan(march.p90().amount());
        assertThat(march.quotaProbability()).isBetween(0.0, 1.0);
        assertThat(first.get(1).quotaProbability()).isNull();
        assertThat(march.explanation())
                .startsWith("10,000 simulated runs of 300 open deals, each won as often as past deals");
        assertThat(march.contributors()).hasSize(10);
    }

    /**
     * 200 open deals, each won with p = 0.3 within the period. Over 200 repetitions, each with its own history, seed
     * and true outcome, the truth falls within P10..P90 about 80 % of the time.
     */
    @Test
    void theP10ToP90RangeHoldsTheTruthAboutEightyPercentOfTheTime() {
        int repetitions = 200;
        int inside = 0;
        for (int repetition = 0; repetition < repetitions; repetition++) {
            Random random = new Random(1_000 + repetition);
            List<OpportunitySnapshot> closed = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                closed.add(closed(PROPOSE, 10 + random.nextInt(41), random.nextDouble() < 0.3, random));
            }
            List<OpportunitySnapshot> open = new ArrayList<>();
            double truth = 0;
            for (int i = 0; i < 200; i++) {
                open.add(open(PROPOSE, 0, 1_000));
                truth += random.nextDouble() < 0.3 ? 1_000 : 0;
            }
            PeriodForecast forecast = model.forecast(
                            new ForecastInput(AS_OF, "EUR", List.of(TWO_MONTHS), open, closed, Map.of(), repetition))
                    .get(0);
            if (forecast.p10().amount().doubleValue() <= truth
                    && truth <= forecast.p90().amount().doubleValue()) {
                inside++;
            }
        }
        assertThat((double) inside / repetitions).isBetween(0.70, 0.90);
    }

    @Test
    void expectsWhatTheStageConversionModelExpects() {
        Random random = new Random(9);
        ForecastInput input = new ForecastInput(
                AS_OF, "EUR", List.of(MARCH, APRIL), openDeals(500, random), history(1_000, random), Map.of(), 7);

        List<PeriodForecast> simulated = model.forecast(input);
        List<PeriodForecast> computed = new StageConversionForecast().forecast(input);

        for (int p = 0; p < 2; p++) {
            double expected = computed.get(p).expected().amount().doubleValue();
            assertThat(expected).isPositive();
            assertThat(simulated.get(p).expected().amount().doubleValue()).isCloseTo(expected, within(expected * 0.02));
            // the contributors are the same exact expectations
            assertThat(simulated.get(p).contributors())
                    .isEqualTo(computed.get(p).contributors());
        }
    }

    @Test
    void quotaProbabilityIsTheShareOfRunsReachingIt() {
        Random random = new Random(3);
        List<OpportunitySnapshot> closed = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            closed.add(closed(PROPOSE, 10 + random.nextInt(41), i % 10 < 3, random)); // exactly 30 % won
        }
        List<OpportunitySnapshot> open = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            open.add(open(PROPOSE, 0, 1_000));
        }
        Map<Period, Money> quotas = Map.of(TWO_MONTHS, Money.of("60000", "EUR"));

        PeriodForecast forecast = model.forecast(
                        new ForecastInput(AS_OF, "EUR", List.of(TWO_MONTHS), open, closed, quotas, 1))
                .get(0);

        // 1000 × Binomial(200, 0.3): mean 60,000; P(X ≥ 60) ≈ 0.53
        assertThat(forecast.expected().amount().doubleValue()).isCloseTo(60_000, within(300.0));
        assertThat(forecast.quotaProbability()).isCloseTo(0.53, within(0.03));
    }

    @Test
    void unavailableWithTooLittleHistory() {
        Random random = new Random(1);
        List<PeriodForecast> forecasts = model.forecast(
                new ForecastInput(AS_OF, "EUR", List.of(MARCH), openDeals(5, random), history(29, random)));

        assertThat(forecasts).singleElement().satisfies(f -> assertThat(f.unavailable())
                .isEqualTo("needs 30 closed deals, had 29"));
    }

    @Test
    void runsAreCappedForBigPipelines() {
        assertThat(MonteCarloForecast.runs(100)).isEqualTo(10_000);
        assertThat(MonteCarloForecast.runs(4_000)).isEqualTo(1_500);
        assertThat(MonteCarloForecast.runs(30_000)).isEqualTo(250);
        assertThat(MonteCarloForecast.runs(0)).isEqualTo(10_000);
    }

    /** The time itself is the benchmark's (distribution/benchmark/forecast-benchmark.sh), not a unit test's. */
    @Test
    void aLargePipelineIsSimulatedWithFewerRunsWithinTheDrawBudget() {
        Random random = new Random(2);
        ForecastInput input = new ForecastInput(
                AS_OF, "EUR", List.of(TWO_MONTHS), openDeals(30_000, random), history(2_000, random), Map.of(), 1);
        PeriodForecast forecast = model.forecast(input).get(0);
        assertThat(forecast.explanation()).startsWith("250 simulated runs");
        assertThat(forecast.p10().amount()).isLessThan(forecast.p90().amount());
    }

    /** Closed deals through QUALIFY (won 20 %, 5–40 days) and PROPOSE (won 50 %, 3–30 days). */
    static List<OpportunitySnapshot> history(int count, Random random) {
        List<OpportunitySnapshot> closed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean qualify = random.nextBoolean();
            closed.add(
                    qualify
                            ? closed(QUALIFY, 5 + random.nextInt(36), random.nextDouble() < 0.2, random)
                            : closed(PROPOSE, 3 + random.nextInt(28), random.nextDouble() < 0.5, random));
        }
        return closed;
    }

    static List<OpportunitySnapshot> openDeals(int count, Random random) {
        List<OpportunitySnapshot> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            open.add(open(random.nextBoolean() ? QUALIFY : PROPOSE, random.nextInt(30), 500 + random.nextInt(20_000)));
        }
        return open;
    }

    /** A deal that entered {@code stage} some day in the year before AS_OF and closed days later. */
    static OpportunitySnapshot closed(UUID stage, int daysToClose, boolean won, Random random) {
        LocalDate entered = AS_OF.minusDays(400 - random.nextInt(300));
        return OpportunitySnapshot.builder()
                .id(UUID.randomUUID())
                .name("Closed deal")
                .accountId(UUID.randomUUID())
                .status(won ? "WON" : "LOST")
                .stageId(stage)
                .closedAt(entered.plusDays(daysToClose))
                .stageHistory(
                        List.of(StageChange.of(stage, entered.atStartOfDay().toInstant(ZoneOffset.UTC))))
                .build();
    }

    static OpportunitySnapshot open(UUID stage, int daysInStage, int amount) {
        LocalDate entered = AS_OF.minusDays(daysInStage);
        return OpportunitySnapshot.builder()
                .id(UUID.randomUUID())
                .name("Open deal")
                .accountId(UUID.randomUUID())
                .status("OPEN")
                .amount(Money.of(String.valueOf(amount), "EUR"))
                .stageId(stage)
                .stageHistory(
                        List.of(StageChange.of(stage, entered.atStartOfDay().toInstant(ZoneOffset.UTC))))
                .build();
    }
}

package org.openchance.plugins.forecaststageconversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.api.forecast.Contributor;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.forecast.StageConversion;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.StageChange;

class StageConversionForecastTest {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final UUID C = UUID.randomUUID();
    static final LocalDate AS_OF = LocalDate.of(2024, 3, 1);
    /** Days 0 to 30 from AS_OF. */
    static final Period MARCH = new Period(AS_OF, LocalDate.of(2024, 3, 31));
    /** Days 31 to 60. */
    static final Period APRIL = new Period(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 30));

    final StageConversionForecast model = new StageConversionForecast();

    /**
     * 30 closed deals. A: won after 10, 20, 30 days, lost after 5, 5, 12, 16, 18, 25, 40. B: 5 won after 10 days, 5
     * won after 45, 10 lost after 20.
     */
    static List<OpportunitySnapshot> history() {
        List<OpportunitySnapshot> closed = new ArrayList<>();
        LocalDate entered = LocalDate.of(2023, 6, 1);
        for (int days : new int[] {10, 20, 30}) {
            closed.add(closed(A, entered, days, true));
        }
        for (int days : new int[] {5, 5, 12, 16, 18, 25, 40}) {
            closed.add(closed(A, entered, days, false));
        }
        for (int i = 0; i < 5; i++) {
            closed.add(closed(B, entered, 10, true));
            closed.add(closed(B, entered, 45, true));
            closed.add(closed(B, entered, 20, false));
            closed.add(closed(B, entered, 20, false));
        }
        return closed;
    }

    /**
     * The open deals are observations too (still open after their days in the stage), which the estimate counts as at
     * risk until then: worked out by hand with the competing-risks estimate (S survival, F share won by a day).
     * A (10 closed, open ones censored at 0 and 15 days): S(5) = 9/11, F(10) = 1/11, S(12) = 7/11, F(20) = 13/66,
     * F(30) = 20/66. B (20 closed; open ones censored at 0, 0, 15, 50 days): F(10) = 5/22, S(15) = 17/22, S(20) =
     * 51/176, F(45) = 5/22 + 85/352 = 165/352.
     */
    @Test
    void aHandMadePipeline() {
        OpportunitySnapshot freshA = open(A, 0, "1000"); // F(30) = 20/66 in March: 303.03
        OpportunitySnapshot oldA = open(A, 15, "600"); // (F(30) - F(15)) / S(15) = (14/66) / (42/66) = 1/3: 200
        OpportunitySnapshot freshB = open(B, 0, "2000"); // 5/22 in March (454.55), 85/352 in April (482.95)
        OpportunitySnapshot oldB = open(B, 15, "1000"); // (85/352) / (17/22) = 5/16, won 30 days on: 312.50 March
        // closed after 50 days: none; after 44 still five (won at 45): taken for 44 days old, (85/352) / S(44) =
        // (85/352) / (51/176) = 5/6, one day on: 83.33 March
        OpportunitySnapshot staleB = open(B, 50, "100");
        OpportunitySnapshot unknownStage = open(C, 0, "5000");
        OpportunitySnapshot noAmount = open(B, 0, null);
        List<OpportunitySnapshot> pipeline = List.of(freshA, oldA, freshB, oldB, staleB, unknownStage, noAmount);

        List<PeriodForecast> forecasts =
                model.forecast(new ForecastInput(AS_OF, "EUR", List.of(MARCH, APRIL), pipeline, history()));

        PeriodForecast march = forecasts.get(0);
        // 303.0303… + 200 + 454.5454… + 312.5 + 83.3333…
        assertThat(march.expected()).isEqualTo(Money.of("1353.41", "EUR"));
        assertThat(march.contributors())
                .extracting(Contributor::opportunityId)
                .containsExactly(freshB.id(), oldB.id(), freshA.id(), oldA.id(), staleB.id());
        assertThat(march.contributors().get(1).amount()).isEqualTo(new BigDecimal("312.50"));
        assertThat(march.explanation())
                .startsWith("5 open deals, each amount × the share of past deals won from its stage")
                .contains("learned from 30 closed deals")
                .endsWith("; 1 deal in stages no closed deal went through count nothing");
        PeriodForecast april = forecasts.get(1);
        assertThat(april.expected()).isEqualTo(Money.of("482.95", "EUR"));
        assertThat(april.contributors()).containsExactly(new Contributor(freshB.id(), new BigDecimal("482.95")));
    }

    @Test
    void recoversAKnownConversionRate() {
        Random random = new Random(11);
        List<OpportunitySnapshot> closed = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            LocalDate entered = AS_OF.minusDays(400 - random.nextInt(300));
            closed.add(closed(B, entered, 10 + random.nextInt(41), random.nextDouble() < 0.4));
        }
        List<OpportunitySnapshot> open = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            open.add(open(B, 0, "1000"));
        }
        Period twoMonths = new Period(AS_OF, AS_OF.plusDays(60));

        assertThat(StageConversion.learn(closed).outlook(B, 0).winRate()).isCloseTo(0.4, within(0.04));
        PeriodForecast forecast = model.forecast(new ForecastInput(AS_OF, "EUR", List.of(twoMonths), open, closed))
                .get(0);
        assertThat(forecast.expected().amount().doubleValue()).isCloseTo(100 * 1000 * 0.4, within(2_000.0));
    }

    @Test
    void unavailableWithTooLittleHistory() {
        List<OpportunitySnapshot> closed = history().subList(0, 29);

        List<PeriodForecast> forecasts = model.forecast(
                new ForecastInput(AS_OF, "EUR", List.of(MARCH, APRIL), List.of(open(A, 0, "1000")), closed));

        assertThat(model.needs()).isEqualTo("needs 30 closed deals");
        assertThat(forecasts).hasSize(2).allSatisfy(f -> {
            assertThat(f.isAvailable()).isFalse();
            assertThat(f.expected()).isNull();
            assertThat(f.unavailable()).isEqualTo("needs 30 closed deals, had 29");
        });
    }

    static OpportunitySnapshot closed(UUID stage, LocalDate entered, int daysToClose, boolean won) {
        return OpportunitySnapshot.builder()
                .id(UUID.randomUUID())
                .name("Closed deal")
                .accountId(UUID.randomUUID())
                .status(won ? "WON" : "LOST")
                .amount(Money.of("1000", "EUR"))
                .stageId(stage)
                .closedAt(entered.plusDays(daysToClose))
                .stageHistory(
                        List.of(StageChange.of(stage, entered.atStartOfDay().toInstant(ZoneOffset.UTC))))
                .build();
    }

    /** An open deal that entered {@code stage} {@code daysInStage} days before AS_OF. */
    static OpportunitySnapshot open(UUID stage, int daysInStage, String amount) {
        LocalDate entered = AS_OF.minusDays(daysInStage);
        return OpportunitySnapshot.builder()
                .id(UUID.randomUUID())
                .name("Open deal")
                .accountId(UUID.randomUUID())
                .status("OPEN")
                .amount(amount == null ? null : Money.of(amount, "EUR"))
                .stageId(stage)
                .stageHistory(
                        List.of(StageChange.of(stage, entered.atStartOfDay().toInstant(ZoneOffset.UTC))))
                .build();
    }
}

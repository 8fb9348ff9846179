package org.openchance.plugins.forecastweighted;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.api.forecast.Contributor;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;

class WeightedForecastTest {

    static final LocalDate AS_OF = LocalDate.of(2024, 3, 15);
    static final Period MARCH = new Period(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
    static final Period APRIL = new Period(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 30));
    static final Period MAY = new Period(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 31));

    final WeightedForecast model = new WeightedForecast();

    final OpportunitySnapshot big = deal("10000", 50, LocalDate.of(2024, 4, 10));
    final OpportunitySnapshot small = deal("100.25", 50, LocalDate.of(2024, 4, 30));
    final OpportunitySnapshot overdue = deal("8000", 25, LocalDate.of(2024, 3, 1));
    final OpportunitySnapshot undated = deal("2000", 10, null);
    final OpportunitySnapshot noAmount = deal(null, 90, LocalDate.of(2024, 4, 5));
    final OpportunitySnapshot later = deal("7000", 60, LocalDate.of(2024, 7, 1));
    final OpportunitySnapshot hopeless = deal("500", 0, LocalDate.of(2024, 5, 2));
    final List<OpportunitySnapshot> pipeline = List.of(big, small, overdue, undated, noAmount, later, hopeless);

    @Test
    void eachDealBringsAmountTimesProbabilityToItsClosePeriod() {
        List<PeriodForecast> forecasts = model.forecast(input(List.of(MARCH, APRIL, MAY), pipeline));

        assertThat(forecasts).extracting(PeriodForecast::period).containsExactly(MARCH, APRIL, MAY);
        // March: the overdue 8000 × 25 % and the undated 2000 × 10 %, both counted now
        PeriodForecast march = forecasts.get(0);
        assertThat(march.expected()).isEqualTo(Money.of("2200.00", "EUR"));
        assertThat(march.explanation())
                .isEqualTo("2 open deals expected to close in the period, each amount × its win probability"
                        + " (2 of them overdue or without a close date, counted now)");
        // April: 5000 + 50.125 = 5050.125, to the even cent 5050.12; the deal without amount brings nothing
        PeriodForecast april = forecasts.get(1);
        assertThat(april.expected()).isEqualTo(Money.of("5050.12", "EUR"));
        assertThat(april.explanation()).startsWith("2 open deals expected to close in the period");
        assertThat(april.contributors())
                .containsExactly(
                        new Contributor(big.id(), Money.of("5000.00", "EUR").amount()),
                        new Contributor(small.id(), Money.of("50.12", "EUR").amount()));
        // May: a deal at 0 % is counted but brings nothing; July is not asked for
        PeriodForecast may = forecasts.get(2);
        assertThat(may.expected()).isEqualTo(Money.of("0.00", "EUR"));
        assertThat(may.explanation()).startsWith("1 open deal expected");
        assertThat(may.contributors()).isEmpty();
        assertThat(forecasts).allMatch(PeriodForecast::isAvailable);
    }

    @Test
    void overdueDealsCountNowhereWhenTheCurrentPeriodIsNotAsked() {
        List<PeriodForecast> forecasts = model.forecast(input(List.of(APRIL), pipeline));

        assertThat(forecasts).singleElement().satisfies(april -> {
            assertThat(april.expected()).isEqualTo(Money.of("5050.12", "EUR"));
            assertThat(april.explanation()).doesNotContain("overdue");
        });
    }

    @Test
    void showsTheTenLargestContributorsLargestFirst() {
        List<OpportunitySnapshot> deals = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            deals.add(deal(String.valueOf(i * 100), 100, LocalDate.of(2024, 4, i)));
        }

        PeriodForecast april = model.forecast(input(List.of(APRIL), deals)).get(0);

        assertThat(april.expected().amount()).isEqualByComparingTo("12000"); // 100 × (1 + … + 15)
        assertThat(april.contributors()).hasSize(10);
        assertThat(april.contributors().get(0).opportunityId())
                .isEqualTo(deals.get(14).id());
        assertThat(april.contributors().get(9).opportunityId())
                .isEqualTo(deals.get(5).id());
    }

    @Test
    void alwaysAnswersEvenWithoutDeals() {
        assertThat(model.needs()).isEmpty();
        assertThat(model.forecast(input(List.of(MARCH), List.of())))
                .singleElement()
                .satisfies(f -> assertThat(f.expected()).isEqualTo(Money.of("0.00", "EUR")));
    }

    static ForecastInput input(List<Period> periods, List<OpportunitySnapshot> open) {
        return new ForecastInput(AS_OF, "EUR", periods, open, List.of());
    }

    static OpportunitySnapshot deal(String amount, int probability, LocalDate expectedClose) {
        return OpportunitySnapshot.builder()
                .id(UUID.randomUUID())
                .name("Deal")
                .accountId(UUID.randomUUID())
                .status("OPEN")
                .amount(amount == null ? null : Money.of(amount, "EUR"))
                .probability(probability)
                .expectedCloseDate(expectedClose)
                .build();
    }
}

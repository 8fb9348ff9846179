package org.openchance.plugins.competitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.api.model.ClosedOpportunity;

class WinLossTest {

    private static final LocalDate DAY = LocalDate.of(2026, 2, 14);

    @Test
    void wilsonIntervalsMatchPublishedValues() {
        // Newcombe (1998), table I: 81 of 263 -> 0.2553 to 0.3662; 0 of 10 -> 0 to 0.2775
        double[] large = Wilson.interval(81, 263);
        assertThat(large[0]).isCloseTo(0.2553, within(5e-5));
        assertThat(large[1]).isCloseTo(0.3662, within(5e-5));
        double[] none = Wilson.interval(0, 10);
        assertThat(none[0]).isZero();
        assertThat(none[1]).isCloseTo(0.2775, within(5e-5));
        assertThat(Wilson.interval(3, 0)).isNull();
        double[] all = Wilson.interval(5, 5);
        assertThat(all[1]).isEqualTo(1.0); // never above 1
        assertThat(all[0]).isCloseTo(0.5655, within(5e-5));
    }

    @Test
    void aDealWithTwoReasonsCountsInBothRowsAndTheSharesSayHowMany() {
        ClosedOpportunity twoReasons = deal(false, "100", List.of("Price", "Timing"), 400);
        ClosedOpportunity price = deal(false, "50", List.of("Price"), 60);
        ClosedOpportunity won = deal(true, "1000", List.of(), null);
        List<Map<String, Object>> rows =
                WinLoss.analyse(closed(List.of(twoReasons, price, won)), WinLoss.Dimension.REASON, 2);

        assertThat(rows).extracting(r -> r.get("key")).containsExactly("Price", "NONE", "Timing");
        Map<String, Object> priceRow = rows.get(0);
        assertThat(priceRow.get("losses")).isEqualTo(2);
        assertThat((Double) priceRow.get("share")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(priceRow.get("tooFewDeals")).isEqualTo(false);
        assertThat(money(priceRow, "lostAmount")).isEqualTo("150.00");
        assertThat(rows.get(2).get("tooFewDeals")).isEqualTo(true);
        double shares = rows.stream().mapToDouble(r -> (Double) r.get("share")).sum();
        assertThat(shares).isGreaterThan(1.0); // the deal with two reasons is in two rows
    }

    @Test
    void dealsWithoutARateAreCountedButNotSummed() {
        ClosedOpportunity unconverted = deal(true, null, List.of(), 20);
        ClosedOpportunity converted = deal(true, "10.005", List.of(), 20);
        Map<String, Object> row = WinLoss.analyse(
                        closed(List.of(unconverted, converted)), WinLoss.Dimension.COMPANY_SIZE, 1)
                .get(0);
        assertThat(row.get("key")).isEqualTo("10-49");
        assertThat(row.get("wins")).isEqualTo(2);
        assertThat(row.get("notConvertedCount")).isEqualTo(1);
        assertThat(money(row, "wonAmount")).isEqualTo("10.01");
    }

    @Test
    void companySizesQuartersAndTheStageLostAt() {
        assertThat(WinLoss.companySize(null)).isEqualTo("UNKNOWN");
        assertThat(WinLoss.companySize(9)).isEqualTo("1-9");
        assertThat(WinLoss.companySize(10)).isEqualTo("10-49");
        assertThat(WinLoss.companySize(249)).isEqualTo("50-249");
        assertThat(WinLoss.companySize(999)).isEqualTo("250-999");
        assertThat(WinLoss.companySize(4999)).isEqualTo("1000-4999");
        assertThat(WinLoss.companySize(5000)).isEqualTo("5000+");
        assertThat(WinLoss.quarter(deal(true, "1", List.of(), 1))).isEqualTo("2026-Q1");
        List<Map<String, Object>> stages = WinLoss.analyse(
                closed(List.of(deal(true, "1", List.of(), 1), deal(false, "1", List.of(), 1))),
                WinLoss.Dimension.STAGE_LOST_AT,
                1);
        assertThat(stages).hasSize(1); // won deals were not lost at any stage
        assertThat(stages.get(0).get("label")).isEqualTo("Proposal");
    }

    @Test
    void headToHeadTellsLossesToThemFromLossesToOthers() {
        UUID them = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        ClosedOpportunity won = deal(true, "100", List.of(), 20);
        ClosedOpportunity lostToThem = deal(false, "40", List.of("Price"), 20);
        ClosedOpportunity lostToOther = deal(false, "70", List.of(), 20);
        ClosedOpportunity without = deal(false, "999", List.of(), 20);
        ClosedDeals closed = new ClosedDeals(
                List.of(won, lostToThem, lostToOther, without),
                Map.of(won.id(), Set.of(them), lostToThem.id(), Set.of(them), lostToOther.id(), Set.of(them, other)),
                Map.of(lostToThem.id(), them, lostToOther.id(), other),
                Map.of(them, "Them", other, "Other"),
                "EUR");
        Map<String, Object> h2h = HeadToHead.of(closed, them, Map.of("LOWER", 2));
        assertThat(h2h.get("deals")).isEqualTo(3);
        assertThat(h2h.get("wins")).isEqualTo(1);
        assertThat(h2h.get("lostToThem")).isEqualTo(1);
        assertThat(h2h.get("lostToOthers")).isEqualTo(1);
        assertThat(money(h2h, "amountLostToThem")).isEqualTo("40.00");
        assertThat((Double) h2h.get("winRate")).isCloseTo(1.0 / 3, within(1e-12));
    }

    private static String money(Map<String, Object> row, String field) {
        return ((BigDecimal) ((Map<?, ?>) row.get(field)).get("amount")).toPlainString();
    }

    private static ClosedDeals closed(List<ClosedOpportunity> deals) {
        return new ClosedDeals(deals, Map.of(), Map.of(), Map.of(), "EUR");
    }

    private static ClosedOpportunity deal(boolean won, String amount, List<String> reasons, Integer employees) {
        return ClosedOpportunity.builder()
                .id(UUID.randomUUID())
                .name("Deal")
                .won(won)
                .createdOn(DAY.minusDays(30))
                .closedAt(DAY)
                .amount(amount == null ? null : new BigDecimal(amount))
                .reasons(reasons)
                .lostAtStage(won ? null : UUID.randomUUID(), won ? null : "Proposal")
                .employeeCount(employees)
                .build();
    }
}

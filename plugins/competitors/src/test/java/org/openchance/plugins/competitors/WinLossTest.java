package org.openchance.plugins.competitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.api.host.ClosedDealTotals;
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
        // three deals: lost for Price and Timing, lost for Price, won without a reason
        List<ClosedDealTotals> totals = List.of(
                ClosedDealTotals.of("Timing", "Timing", 0, 1, BigDecimal.ZERO, new BigDecimal("100"), 0, 400),
                ClosedDealTotals.of("NONE", "NONE", 1, 0, new BigDecimal("1000"), BigDecimal.ZERO, 0, 30),
                ClosedDealTotals.of("Price", "Price", 0, 2, BigDecimal.ZERO, new BigDecimal("150.005"), 1, 460));
        List<Map<String, Object>> rows = WinLoss.rows(
                WinLoss.Dimension.REASON, totals, 3, t -> WinLoss.label(WinLoss.Dimension.REASON, t), 2, "EUR");

        assertThat(rows).extracting(r -> r.get("key")).containsExactly("Price", "NONE", "Timing");
        Map<String, Object> price = rows.get(0);
        assertThat(price.get("losses")).isEqualTo(2);
        assertThat((Double) price.get("share")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(price.get("tooFewDeals")).isEqualTo(false);
        assertThat(money(price, "lostAmount")).isEqualTo("150.01");
        assertThat(price.get("notConvertedCount")).isEqualTo(1);
        assertThat((Double) price.get("averageCycleDays")).isCloseTo(230.0, within(1e-12));
        assertThat((Double) price.get("winRateHigh")).isCloseTo(0.6576197724933469, within(1e-12));
        assertThat(rows.get(1).get("label")).isEqualTo("No reason given");
        assertThat(rows.get(2).get("tooFewDeals")).isEqualTo(true);
        double shares = rows.stream().mapToDouble(r -> (Double) r.get("share")).sum();
        assertThat(shares).isCloseTo(4.0 / 3, within(1e-12)); // the deal with two reasons is in two rows
    }

    @Test
    void quartersComeOldestFirstAndKeysWithoutAValueHaveAName() {
        List<ClosedDealTotals> totals = List.of(
                ClosedDealTotals.of("2026-Q1", null, 1, 0, BigDecimal.ONE, BigDecimal.ZERO, 0, 1),
                ClosedDealTotals.of("2025-Q4", null, 1, 5, BigDecimal.ONE, BigDecimal.ZERO, 0, 1));
        List<Map<String, Object>> rows = WinLoss.rows(
                WinLoss.Dimension.QUARTER, totals, 7, t -> WinLoss.label(WinLoss.Dimension.QUARTER, t), 1, "EUR");
        assertThat(rows).extracting(r -> r.get("label")).containsExactly("2025-Q4", "2026-Q1");
        assertThat(WinLoss.quarter(LocalDate.of(2026, 2, 14))).isEqualTo("2026-Q1");
        assertThat(WinLoss.quarter(LocalDate.of(2026, 10, 1))).isEqualTo("2026-Q4");
        ClosedDealTotals noIndustry = ClosedDealTotals.of("UNKNOWN", null, 1, 0, BigDecimal.ONE, BigDecimal.ZERO, 0, 0);
        assertThat(WinLoss.label(WinLoss.Dimension.INDUSTRY, noIndustry)).isEqualTo("Unknown");
        ClosedDealTotals band = ClosedDealTotals.of("50-249", null, 1, 0, BigDecimal.ONE, BigDecimal.ZERO, 0, 0);
        assertThat(WinLoss.label(WinLoss.Dimension.COMPANY_SIZE, band)).isEqualTo("50-249 employees");
        ClosedDealTotals noLead = ClosedDealTotals.of("NONE", null, 1, 0, BigDecimal.ONE, BigDecimal.ZERO, 0, 0);
        assertThat(WinLoss.label(WinLoss.Dimension.LEAD_SOURCE, noLead)).isEqualTo("Not from a lead");
        ClosedDealTotals noCompetitor = ClosedDealTotals.of(null, null, 1, 0, BigDecimal.ONE, BigDecimal.ZERO, 0, 0);
        assertThat(WinLoss.label(WinLoss.Dimension.COMPETITOR, noCompetitor)).isEqualTo("No competitor known");
    }

    @Test
    void closesNameTheirWinnerByIdOrByNameOrOnPurposeNone() {
        UUID merged = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        Map<UUID, UUID> current = Map.of(merged, kept, kept, kept);
        Map<String, UUID> byName = Map.of("acme gmbh", kept);
        String apiId = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("Competitor:" + merged).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(CompetitorIds.winner(apiId, current, byName)).isEqualTo(kept); // through the merge
        assertThat(CompetitorIds.winner("ACME  GmbH", current, byName)).isEqualTo(kept);
        assertThat(CompetitorIds.winner("NO_DECISION", current, byName)).isNull();
        assertThat(CompetitorIds.winner("Someone Else", current, byName)).isNull();
        assertThat(CompetitorIds.decode("not base64 at all!")).isEmpty();
    }

    @Test
    void headToHeadTellsLossesToThemFromLossesToOthers() {
        UUID them = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        ClosedOpportunity won = deal(true, "100", List.of(), 20);
        ClosedOpportunity lostToThem = deal(false, "40", List.of("Price"), 20);
        ClosedOpportunity lostToOther = deal(false, "70", List.of(), 20);
        // the deals they were in (the host reads only those)
        ClosedDeals closed = new ClosedDeals(
                List.of(won, lostToThem, lostToOther),
                Map.of(lostToThem.id(), them, lostToOther.id(), other),
                "EUR",
                List.of());
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

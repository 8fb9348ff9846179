package org.openchance.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.StageChange;

class StageConversionTest {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final UUID WON_STAGE = UUID.randomUUID();
    static final UUID LOST_STAGE = UUID.randomUUID();
    /** Late in the evening UTC: already the next day east of Greenwich, yet the UTC date counts. */
    static final Instant ENTRY = Instant.parse("2024-01-01T23:30:00Z");

    /** Ten deals entered A: won after 10, 20, 30 days; lost after 5, 5, 12, 16, 18, 25, 40 days. */
    static List<OpportunitySnapshot> tenDealsThroughA() {
        List<OpportunitySnapshot> deals = new ArrayList<>();
        for (int days : new int[] {10, 20, 30}) {
            deals.add(closed("WON", days, StageChange.of(A, ENTRY)));
        }
        for (int days : new int[] {5, 5, 12, 16, 18, 25, 40}) {
            deals.add(closed("LOST", days, StageChange.of(A, ENTRY)));
        }
        return deals;
    }

    @Test
    void winRateAndRemainingDaysOfAFreshDeal() {
        StageConversion conversion = StageConversion.learn(tenDealsThroughA());

        assertThat(conversion.closedDeals()).isEqualTo(10);
        assertThat(conversion.observations(A)).isEqualTo(10);
        StageConversion.Outlook fresh = conversion.outlook(A, 0);
        assertThat(fresh.observations()).isEqualTo(10);
        assertThat(fresh.winRate()).isEqualTo(0.3);
        assertThat(fresh.remainingDays()).containsExactly(10, 20, 30);
    }

    @Test
    void anOlderDealIsComparedWithTheDealsThatStayedAsLong() {
        StageConversion conversion = StageConversion.learn(tenDealsThroughA());

        // closed more than 15 days after entry: won 20, 30; lost 16, 18, 25, 40 → 2 of 6
        StageConversion.Outlook outlook = conversion.outlook(A, 15);
        assertThat(outlook.observations()).isEqualTo(6);
        assertThat(outlook.winRate()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(outlook.remainingDays()).containsExactly(5, 15);
    }

    @Test
    void fallsBackToAllDealsOfTheStageWhenFewerThanFiveStayedAsLong() {
        StageConversion conversion = StageConversion.learn(tenDealsThroughA());

        // more than 20 days: won 30; lost 25, 40 → only 3, so all 10 count; remaining days never below 0
        StageConversion.Outlook outlook = conversion.outlook(A, 20);
        assertThat(outlook.observations()).isEqualTo(10);
        assertThat(outlook.winRate()).isEqualTo(0.3);
        assertThat(outlook.remainingDays()).containsExactly(0, 0, 10);
    }

    @Test
    void nothingKnownAboutAStageNoDealEntered() {
        StageConversion conversion = StageConversion.learn(tenDealsThroughA());

        assertThat(conversion.observations(B)).isZero();
        StageConversion.Outlook outlook = conversion.outlook(B, 3);
        assertThat(outlook.observations()).isZero();
        assertThat(outlook.known()).isFalse();
        assertThat(outlook.winRate()).isZero();
        assertThat(outlook.remainingDays()).isEmpty();
        assertThat(conversion.outlook((UUID) null, 0).known()).isFalse();
    }

    @Test
    void countsEveryStageADealPassedThroughOnceFromItsLastEntry() {
        Instant later = ENTRY.plus(4, ChronoUnit.DAYS);
        List<OpportunitySnapshot> deals = List.of(
                // A, B, back to A after 4 days, won 10 days after the first entry: 6 days from the last entry into A
                closed(
                        "WON",
                        10,
                        StageChange.of(A, ENTRY),
                        StageChange.of(B, ENTRY.plus(2, ChronoUnit.DAYS)),
                        StageChange.of(A, later),
                        StageChange.of(WON_STAGE, ENTRY.plus(10, ChronoUnit.DAYS))),
                closed("LOST", 7, StageChange.of(B, ENTRY), StageChange.of(LOST_STAGE, ENTRY.plus(7, ChronoUnit.DAYS))),
                // not closed, or closed without a date: no history to learn from
                snapshot("OPEN", null, StageChange.of(A, ENTRY)),
                snapshot("WON", null, StageChange.of(A, ENTRY)));

        StageConversion conversion = StageConversion.learn(deals);

        assertThat(conversion.closedDeals()).isEqualTo(2);
        assertThat(conversion.observations(A)).isEqualTo(1);
        assertThat(conversion.observations(B)).isEqualTo(2);
        assertThat(conversion.observations(WON_STAGE)).isEqualTo(1);
        assertThat(conversion.outlook(A, 0).remainingDays()).containsExactly(6);
        // B: won 8 days after entering it, the other lost after 7 → half, closing in 8 days
        StageConversion.Outlook b = conversion.outlook(B, 0);
        assertThat(b.winRate()).isEqualTo(0.5);
        assertThat(b.remainingDays()).containsExactly(8);
    }

    @Test
    void countsWonDealsClosingWithinAWindow() {
        StageConversion.Outlook outlook =
                StageConversion.learn(tenDealsThroughA()).outlook(A, 0);

        assertThat(outlook.wonClosingWithin(0, 9)).isZero();
        assertThat(outlook.wonClosingWithin(10, 20)).isEqualTo(2);
        assertThat(outlook.wonClosingWithin(11, 100)).isEqualTo(2);
        assertThat(outlook.remainingDaysArray()).containsExactly(10, 20, 30);
    }

    @Test
    void anOpenDealsDaysInStageCountFromItsLastEntryElseItsCreation() {
        LocalDate asOf = LocalDate.of(2024, 1, 15);
        OpportunitySnapshot inA = snapshot("OPEN", null, StageChange.of(A, ENTRY), StageChange.of(B, ENTRY)).toBuilder()
                .stageId(A)
                .createdAt(ENTRY.minus(30, ChronoUnit.DAYS))
                .build();
        assertThat(StageConversion.daysInStage(inA, asOf)).isEqualTo(14);

        OpportunitySnapshot noHistory = inA.toBuilder().stageHistory(List.of()).build();
        assertThat(StageConversion.daysInStage(noHistory, asOf)).isEqualTo(44);

        OpportunitySnapshot nothingKnown = noHistory.toBuilder().createdAt(null).build();
        assertThat(StageConversion.daysInStage(nothingKnown, asOf)).isZero();

        StageConversion conversion = StageConversion.learn(tenDealsThroughA());
        assertThat(conversion.outlook(inA, asOf)).isEqualTo(conversion.outlook(A, 14));
    }

    static OpportunitySnapshot closed(String status, int daysAfterFirstEntry, StageChange... history) {
        LocalDate entered = LocalDate.of(2024, 1, 1); // ENTRY's UTC date
        return snapshot(status, entered.plusDays(daysAfterFirstEntry), history);
    }

    static OpportunitySnapshot snapshot(String status, LocalDate closedAt, StageChange... history) {
        return OpportunitySnapshot.builder()
                .id(UUID.randomUUID())
                .name("Deal")
                .accountId(UUID.randomUUID())
                .status(status)
                .closedAt(closedAt)
                .stageHistory(List.of(history))
                .build();
    }
}

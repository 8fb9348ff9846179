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
        assertThat(fresh.winRate()).isCloseTo(0.3, within(1e-12));
        // the wins came after 10, 20 and 30 days: a third of them each
        assertThat(fresh.remainingDaysAt(0.1)).isEqualTo(10);
        assertThat(fresh.remainingDaysAt(0.5)).isEqualTo(20);
        assertThat(fresh.remainingDaysAt(0.9)).isEqualTo(30);
    }

    @Test
    void anOlderDealIsComparedWithTheDealsThatStayedAsLong() {
        StageConversion conversion = StageConversion.learn(tenDealsThroughA());

        // closed more than 15 days after entry: won 20, 30; lost 16, 18, 25, 40 → 2 of 6
        StageConversion.Outlook outlook = conversion.outlook(A, 15);
        assertThat(outlook.observations()).isEqualTo(6);
        assertThat(outlook.winRate()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(outlook.remainingDaysAt(0.25)).isEqualTo(5);
        assertThat(outlook.remainingDaysAt(0.75)).isEqualTo(15);
        assertThat(outlook.probabilityWonWithin(1, 5)).isCloseTo(1.0 / 6, within(1e-12));
    }

    @Test
    void aDealOlderThanNearlyAllIsComparedWithTheOldestThatHadFiveClosingAfterThem() {
        StageConversion conversion = StageConversion.learn(tenDealsThroughA());

        // more than 20 days: only 25, 30, 40 closed after; after 17 days still five did (18 lost, 20 won, 25 lost,
        // 30 won, 40 lost): the deal counts as 17 days old, two in five won, 3 and 13 days on (not "today")
        StageConversion.Outlook outlook = conversion.outlook(A, 20);
        assertThat(outlook.observations()).isEqualTo(5);
        assertThat(outlook.winRate()).isCloseTo(0.4, within(1e-12));
        assertThat(outlook.remainingDaysAt(0.1)).isEqualTo(3);
        assertThat(outlook.remainingDaysAt(0.9)).isEqualTo(13);
        assertThat(outlook.probabilityWonWithin(0, 0)).isZero();
        assertThat(outlook.probabilityWonWithin(1, 3)).isCloseTo(0.2, within(1e-12));
        // a deal far older than any: the same comparison, not a restart from day 0
        assertThat(conversion.outlook(A, 400).winRate()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void dealsStillOpenLowerTheOddsInsteadOfBeingLeftOut() {
        // ten deals entered A: after 10 days two were won and two lost; six are still open 30 days after entering
        List<OpportunitySnapshot> closed = new ArrayList<>();
        for (String status : List.of("WON", "WON", "LOST", "LOST")) {
            closed.add(closed(status, 10, StageChange.of(A, ENTRY)));
        }
        List<OpportunitySnapshot> open = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            open.add(snapshot("OPEN", null, StageChange.of(A, ENTRY)).toBuilder()
                    .stageId(A)
                    .build());
        }
        LocalDate asOf = LocalDate.of(2024, 1, 31);

        // from the closed ones alone half are won; with the six that lingered, two in ten
        assertThat(StageConversion.learn(closed).outlook(A, 0).winRate()).isCloseTo(0.5, within(1e-12));
        StageConversion withOpen = StageConversion.learn(closed, open, asOf);
        assertThat(withOpen.observations(A)).isEqualTo(10);
        assertThat(withOpen.closedDeals()).isEqualTo(4);
        assertThat(withOpen.outlook(A, 0).winRate()).isCloseTo(0.2, within(1e-12));
        assertThat(withOpen.outlook(A, 0).probabilityWonWithin(10, 10)).isCloseTo(0.2, within(1e-12));
        // fewer than five closed at all: every deal of the stage counts, as for a new deal, whatever the age
        assertThat(withOpen.outlook(A, 20).observations()).isEqualTo(10);
        assertThat(withOpen.outlook(A, 20).winRate()).isCloseTo(0.2, within(1e-12));
        assertThat(withOpen.outlook(A, 20).remainingDaysAt(0.5)).isEqualTo(10);
    }

    @Test
    void nothingKnownAboutAStageNoDealEntered() {
        StageConversion conversion = StageConversion.learn(tenDealsThroughA());

        assertThat(conversion.observations(B)).isZero();
        StageConversion.Outlook outlook = conversion.outlook(B, 3);
        assertThat(outlook.observations()).isZero();
        assertThat(outlook.known()).isFalse();
        assertThat(outlook.winRate()).isZero();
        assertThat(outlook.probabilityWonWithin(0, 1000)).isZero();
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
        assertThat(conversion.outlook(A, 0).remainingDaysAt(0.5)).isEqualTo(6);
        // B: won 8 days after entering it, the other lost after 7 → half, closing in 8 days
        StageConversion.Outlook b = conversion.outlook(B, 0);
        assertThat(b.winRate()).isCloseTo(0.5, within(1e-12));
        assertThat(b.remainingDaysAt(0.5)).isEqualTo(8);
    }

    @Test
    void quantilesInOnePassAreTheQuantilesOneByOne() {
        StageConversion conversion = StageConversion.learn(tenDealsThroughA());
        for (int age : new int[] {0, 7, 15, 20, 45}) {
            StageConversion.Outlook outlook = conversion.outlook(A, age);
            int[] table = outlook.remainingDaysAtQuantiles(64);
            for (int i = 0; i < 64; i++) {
                assertThat(table[i])
                        .as("age %d, quantile %d", age, i)
                        .isEqualTo(outlook.remainingDaysAt((i + 0.5) / 64));
            }
        }
        // fresh: a third of the wins after 10, 20 and 30 days each
        assertThat(conversion.outlook(A, 0).remainingDaysAtQuantiles(3)).containsExactly(10, 20, 30);
    }

    @Test
    void theProbabilityOfAWinWithinAWindow() {
        StageConversion.Outlook outlook =
                StageConversion.learn(tenDealsThroughA()).outlook(A, 0);

        assertThat(outlook.probabilityWonWithin(0, 9)).isZero();
        assertThat(outlook.probabilityWonWithin(10, 20)).isCloseTo(0.2, within(1e-12));
        assertThat(outlook.probabilityWonWithin(11, 100)).isCloseTo(0.2, within(1e-12));
        assertThat(outlook.probabilityWonWithin(5, 4)).isZero();
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
        assertThat(conversion.outlook(inA, asOf).toString())
                .isEqualTo(conversion.outlook(A, 14).toString());
        assertThat(conversion.outlook(inA, asOf).observations()).isEqualTo(6); // closed after more than 14 days
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

package org.openchance.plugins.scoringcriteria;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.TeamMemberSnapshot;
import org.openchance.api.scoring.Contribution;
import org.openchance.api.scoring.Score;

/** Scores computed by hand, criterion by criterion, against the starting scorecard (migration V1). */
class ScorecardTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    /** The starting scorecard, as migration V1 writes it. */
    static final Scorecard STARTING = new Scorecard(
            1,
            Instant.EPOCH,
            "Starting scorecard",
            List.of(
                    new Criterion(
                            "Company size",
                            Measure.COMPANY_SIZE,
                            3,
                            List.of(band(50.0, 20), band(250.0, 50), band(1000.0, 80), band(null, 100)),
                            null,
                            30),
                    new Criterion(
                            "Budget coverage",
                            Measure.BUDGET_COVERAGE,
                            3,
                            List.of(band(50.0, 10), band(80.0, 40), band(100.0, 70), band(null, 100)),
                            null,
                            30),
                    new Criterion(
                            "Time to close",
                            Measure.DAYS_TO_CLOSE,
                            2,
                            List.of(band(0.0, 10), band(30.0, 100), band(90.0, 70), band(180.0, 40), band(null, 20)),
                            null,
                            30),
                    new Criterion(
                            "Stage",
                            Measure.STAGE,
                            2,
                            null,
                            Map.of(
                                    "Prospecting",
                                    10.0,
                                    "Qualification",
                                    30.0,
                                    "Needs Analysis",
                                    50.0,
                                    "Proposal",
                                    70.0,
                                    "Negotiation",
                                    90.0),
                            0),
                    new Criterion(
                            "Partner on team", Measure.PARTNER_ON_TEAM, 1, null, Map.of("yes", 100.0, "no", 40.0), 40),
                    new Criterion(
                            "Competition",
                            Measure.COMPETITORS,
                            2,
                            List.of(band(1.0, 100), band(2.0, 70), band(4.0, 40), band(null, 15)),
                            null,
                            50),
                    new Criterion(
                            "Resources at start",
                            Measure.RESOURCE_AVAILABILITY,
                            2,
                            null,
                            Map.of("HIGH", 100.0, "MEDIUM", 60.0, "LOW", 20.0),
                            50)));

    @Test
    void aWellFittingDealScoresTheWeightedMeanOfItsPoints() {
        // 850 employees → 80; budget 90,000 of 100,000 = 90 % → 70; closes in 45 days → 70; Proposal → 70; partner →
        // 100;
        // one competitor → 70; resources MEDIUM → 60
        // (3×80 + 3×70 + 2×70 + 2×70 + 1×100 + 2×70 + 2×60) / 15 = 1090 / 15 = 72.66… → 72.7
        Score score =
                STARTING.score(deal(850, "100000", "90000", TODAY.plusDays(45), "Proposal", true, 1, "MEDIUM"), TODAY);
        assertThat(score.value()).isEqualTo(72.7);
        assertThat(score.contributions())
                .extracting(Contribution::points)
                .containsExactly(80.0, 70.0, 70.0, 70.0, 100.0, 70.0, 60.0);
        assertThat(score.contributions())
                .extracting(Contribution::weight)
                .containsExactly(3.0, 3.0, 2.0, 2.0, 1.0, 2.0, 2.0);
        Contribution size = score.contributions().get(0);
        assertThat(size.criterion()).isEqualTo("Company size");
        assertThat(size.value()).isEqualTo("850 employees");
        assertThat(size.explanation()).isEqualTo("850 employees (250 to under 1000): 80 points, weight 3 of 15");
        assertThat(score.contributions().get(1).value()).isEqualTo("90 % of the amount budgeted");
        assertThat(score.contributions().get(5).value()).isEqualTo("1 competitor");
        assertThat(score.contributions().get(6).value()).isEqualTo("resources at start MEDIUM");
    }

    @Test
    void unknownValuesGiveTheOtherwisePointsAndSayWhy() {
        // size unknown → 30; no budget → 30; no close date → 30; Qualification → 30; no partner → 40;
        // competitors and resources unknown → 50 each
        // (90 + 90 + 60 + 60 + 40 + 100 + 100) / 15 = 540 / 15 = 36.0
        Score score = STARTING.score(deal(null, "50000", null, null, "Qualification", false, null, null), TODAY);
        assertThat(score.value()).isEqualTo(36.0);
        assertThat(score.contributions().get(0).explanation())
                .isEqualTo("unknown employees (value unknown): 30 points, weight 3 of 15");
    }

    @Test
    void bandEdgesBelongToTheHigherBandAndOverdueDealsScoreLow() {
        // exactly 1000 employees → 100 (upTo is exclusive); budget 100 % → 100; closed date passed → 10;
        // Negotiation → 90; no partner → 40; 4 competitors → 15 (upTo 4 is exclusive); resources LOW → 20
        // (300 + 300 + 20 + 180 + 40 + 30 + 40) / 15 = 910 / 15 = 60.66… → 60.7
        Score score =
                STARTING.score(deal(1000, "10000", "10000", TODAY.minusDays(3), "Negotiation", false, 4, "LOW"), TODAY);
        assertThat(score.value()).isEqualTo(60.7);
        assertThat(score.contributions().get(5).points()).isEqualTo(15.0);
        assertThat(score.contributions().get(2).value()).isEqualTo("-3 days to the expected close");
        assertThat(score.contributions().get(2).points()).isEqualTo(10.0);
    }

    @Test
    void categoriesIgnoreCaseAndBudgetsInAnotherCurrencyCountAsUnknown() {
        Criterion stage = STARTING.criteria().get(3);
        assertThat(stage.points("proposal").points()).isEqualTo(70.0);
        assertThat(stage.points("Closed Won").points()).isZero();
        assertThat(Measure.BUDGET_COVERAGE.read(
                        proposal()
                                .amount(Money.of("100", "EUR"))
                                .budget(Money.of("100", "USD"))
                                .build(),
                        TODAY))
                .isNull();
    }

    @Test
    void resourceWaitCountsTheDaysFromTheExpectedCloseUntilStaffAreFree() {
        OpportunitySnapshot waiting = proposal()
                .expectedCloseDate(TODAY.plusDays(30))
                .resourcesAvailableFrom(TODAY.plusDays(44))
                .build();
        assertThat(Measure.RESOURCE_WAIT_DAYS.read(waiting, TODAY)).isEqualTo(14.0);
        OpportunitySnapshot freeEarlier = proposal()
                .expectedCloseDate(TODAY.plusDays(30))
                .resourcesAvailableFrom(TODAY)
                .build();
        assertThat(Measure.RESOURCE_WAIT_DAYS.read(freeEarlier, TODAY)).isEqualTo(0.0);
        OpportunitySnapshot noClose = proposal().resourcesAvailableFrom(TODAY).build();
        assertThat(Measure.RESOURCE_WAIT_DAYS.read(noClose, TODAY)).isNull();
    }

    @Test
    void invalidCriteriaAreNamedByField() {
        List<String> problems = Scorecard.problems(List.of(
                new Criterion(
                        "",
                        Measure.COMPANY_SIZE,
                        0,
                        List.of(band(100.0, 50), band(50.0, 120), band(null, 10)),
                        null,
                        30),
                new Criterion("Stage", Measure.STAGE, 1, null, null, 101)));
        assertThat(problems)
                .containsExactly(
                        "input.criteria[0].name: must not be empty",
                        "input.criteria[0].weight: must be above 0 and at most 100, was 0.0",
                        "input.criteria[0].bands[1].points: must be between 0 and 100, was 120.0",
                        "input.criteria[0].bands[1].upTo: bands must ascend, 50.0 follows 100.0",
                        "input.criteria[1].otherwisePoints: must be between 0 and 100, was 101.0",
                        "input.criteria[1].categories: a category measure needs at least one category");
        assertThat(Scorecard.problems(STARTING.criteria())).isEmpty();
        assertThat(Scorecard.problems(List.of())).containsExactly("input.criteria: at least one criterion");
    }

    private static Criterion.Band band(Double upTo, double points) {
        return new Criterion.Band(upTo, points);
    }

    private static OpportunitySnapshot deal(
            Integer employees,
            String amount,
            String budget,
            LocalDate close,
            String stage,
            boolean partner,
            Integer competitors,
            String resources) {
        List<TeamMemberSnapshot> team = new java.util.ArrayList<>(List.of(member(TeamMemberSnapshot.Kind.EMPLOYEE)));
        if (partner) {
            team.add(member(TeamMemberSnapshot.Kind.PARTNER));
        }
        return OpportunitySnapshot.builder()
                .id(UUID.randomUUID())
                .name("Deal")
                .accountId(UUID.randomUUID())
                .amount(amount == null ? null : Money.of(amount, "EUR"))
                .budget(budget == null ? null : Money.of(budget, "EUR"))
                .probability(50)
                .expectedCloseDate(close)
                .stage(stage)
                .status("OPEN")
                .accountName("Account")
                .industry("Machinery")
                .accountEmployees(employees)
                .team(team)
                .competitorCount(competitors)
                .resourceAvailability(resources)
                .build();
    }

    /** An open deal in Proposal at 10 %, nothing else known. */
    private static OpportunitySnapshot.Builder proposal() {
        return OpportunitySnapshot.builder()
                .id(UUID.randomUUID())
                .name("x")
                .accountId(UUID.randomUUID())
                .probability(10)
                .stage("Proposal")
                .status("OPEN")
                .accountName("A");
    }

    private static TeamMemberSnapshot member(TeamMemberSnapshot.Kind kind) {
        return TeamMemberSnapshot.of(UUID.randomUUID(), kind, "Sales");
    }
}

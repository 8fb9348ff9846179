package org.openchance.plugins.scoringpredictive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.TeamMemberSnapshot;
import org.openchance.api.scoring.Score;

class WinModelTest {

    @Test
    void aucAndLogLossAsComputedByHand() {
        // won: 0.9, 0.4; lost: 0.6, 0.2 → pairs (won > lost): 0.9>0.6, 0.9>0.2, 0.4>0.2; 0.4<0.6 → 3 of 4
        assertThat(Metrics.auc(new double[] {0.9, 0.6, 0.4, 0.2}, new double[] {1, 0, 1, 0}))
                .isEqualTo(0.75);
        assertThat(Metrics.auc(new double[] {0.5, 0.5}, new double[] {1, 0})).isEqualTo(0.5); // a tie counts half
        // -(ln 0.8 + ln 0.5) / 2 = 0.4581…
        assertThat(Metrics.logLoss(new double[] {0.8, 0.5}, new double[] {1, 0}))
                .isCloseTo(0.45814, within(1e-5));
    }

    @Test
    void learnsAKnownSignalBeatsTheConstantPredictorAndExplainsIt() {
        List<OpportunitySnapshot> closed = generated(2_000, 7);
        WinModel model = WinModel.train(closed, 42, Instant.EPOCH);

        WinModel.Quality quality = model.quality();
        assertThat(quality.trainingSize()).isEqualTo(1_600);
        assertThat(quality.heldOutSize()).isEqualTo(400);
        assertThat(quality.auc()).isGreaterThan(0.75);
        assertThat(quality.logLoss()).isLessThan(quality.constantLogLoss());

        Score big = model.score(open(5_000, true));
        Score small = model.score(open(20, false));
        assertThat(big.value()).isGreaterThan(small.value() + 30);
        assertThat(big.contributions().get(0).criterion())
                .isEqualTo("Company size (log employees)"); // the strongest push
        assertThat(big.contributions().get(0).explanation()).startsWith("raises the odds of winning by a factor of");
        assertThat(small.contributions().get(0).explanation()).startsWith("lowers the odds");
    }

    @Test
    void theSameDataAndSeedGiveTheSameModelWhateverTheOrder() {
        List<OpportunitySnapshot> closed = generated(500, 3);
        List<OpportunitySnapshot> reversed = new ArrayList<>(closed);
        java.util.Collections.reverse(reversed);
        assertThat(WinModel.train(reversed, 42, Instant.EPOCH).weights())
                .containsExactly(WinModel.train(closed, 42, Instant.EPOCH).weights());
    }

    @Test
    void refusesWithTooLittleHistoryOrOnlyOneOutcome() {
        assertThatThrownBy(() -> WinModel.train(generated(49, 1), 42, Instant.EPOCH))
                .isInstanceOf(WinModel.NotEnoughHistory.class)
                .hasMessageContaining("49");
        List<OpportunitySnapshot> allWon =
                generated(100, 1).stream().map(o -> withStatus(o, "WON")).toList();
        assertThatThrownBy(() -> WinModel.train(allWon, 42, Instant.EPOCH))
                .isInstanceOf(WinModel.NotEnoughHistory.class);
    }

    /** Big companies and deals with a partner win more often; the amount is noise. */
    static List<OpportunitySnapshot> generated(int count, long seed) {
        Random random = new Random(seed);
        List<OpportunitySnapshot> deals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean bigCompany = random.nextBoolean();
            boolean partner = random.nextInt(3) == 0;
            double p = (bigCompany ? 0.75 : 0.2) + (partner ? 0.1 : 0);
            String status = random.nextDouble() < p ? "WON" : "LOST";
            deals.add(snapshot(
                    new UUID(seed, i),
                    bigCompany ? 2_000 + random.nextInt(8_000) : 10 + random.nextInt(90),
                    partner,
                    String.valueOf(10_000 + random.nextInt(90_000)),
                    status));
        }
        return deals;
    }

    private static OpportunitySnapshot open(int employees, boolean partner) {
        return snapshot(UUID.randomUUID(), employees, partner, "50000", "OPEN");
    }

    private static OpportunitySnapshot snapshot(UUID id, int employees, boolean partner, String amount, String status) {
        return OpportunitySnapshot.builder()
                .id(id)
                .name("Deal")
                .accountId(UUID.randomUUID())
                .amount(Money.of(amount, "EUR"))
                .stage("Closed")
                .status(status)
                .accountName("Account")
                .industry("Machinery")
                .accountEmployees(employees)
                .team(
                        partner
                                ? List.of(TeamMemberSnapshot.of(
                                        UUID.randomUUID(), TeamMemberSnapshot.Kind.PARTNER, "Partner"))
                                : List.of())
                .build();
    }

    private static OpportunitySnapshot withStatus(OpportunitySnapshot o, String status) {
        return o.toBuilder().status(status).build();
    }
}

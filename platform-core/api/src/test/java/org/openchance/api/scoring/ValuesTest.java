package org.openchance.api.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openchance.api.forecast.Period;

/** The values plugins exchange with the host refuse what would mislead a sales person. */
class ValuesTest {

    @Test
    void aScoreIsBetweenZeroAndHundredAndKeepsItsContributions() {
        assertThatThrownBy(() -> new Score(100.5, List.of())).hasMessageContaining("100.5");
        assertThatThrownBy(() -> new Score(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Score(Double.NaN, List.of())).isInstanceOf(IllegalArgumentException.class);
        List<Contribution> contributions = new ArrayList<>(List.of(new Contribution("Size", 1, "850", 100, "large")));
        Score score = new Score(100, contributions);
        contributions.clear();
        assertThat(score.contributions()).as("a copy, not the plugin's list").hasSize(1);
    }

    @Test
    void aPeriodDoesNotEndBeforeItStarts() {
        assertThat(new Period(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 1)).to())
                .isEqualTo(LocalDate.of(2027, 1, 1));
        assertThatThrownBy(() -> new Period(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 1, 31)))
                .hasMessageContaining("2027-02-01");
    }
}

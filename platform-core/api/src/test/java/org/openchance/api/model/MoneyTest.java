package org.openchance.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void addsExactly() {
        assertThat(Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR")).amount())
                .isEqualByComparingTo("0.30");
    }

    @Test
    void weightedAmountIsExact() {
        assertThat(Money.of("12345.67", "EUR").percent(35).amount()).isEqualByComparingTo("4320.9845");
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR")
                .hasMessageContaining("USD");
    }

    @Test
    void rejectsUnknownCurrency() {
        assertThatThrownBy(() -> Money.of("1", "XYZ1")).hasMessageContaining("XYZ1");
    }
}

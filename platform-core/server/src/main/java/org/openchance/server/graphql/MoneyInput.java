package org.openchance.server.graphql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.openchance.api.model.Money;

/** {@code MoneyInput} of the API. */
public record MoneyInput(BigDecimal amount, String currency) {

    /** Money as the API shows it: at least two decimals, no trailing zeros beyond them (numeric(19,4) has four). */
    public static Money output(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return new Money(stripped.setScale(Math.max(2, stripped.scale()), RoundingMode.UNNECESSARY), currency);
    }
}

package org.openchance.server.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The organisation's reporting currency (setting {@code openchance.money.reporting-currency}, EUR by default): what
 * aggregates answer in unless asked otherwise, and what exchange rates are quoted against. Also the arithmetic every
 * conversion shares: exact to 12 decimals on the way, rounded once at the end to the target's minor units.
 */
@Component
public class ReportingCurrency {

    /**
     * Decimals kept on the way: a converted amount is exact to 10^-12 (a division such as 1 / 3 has no exact result),
     * far below any minor unit even summed over millions of amounts; one scale for all keeps the additions cheap.
     */
    static final int SCALE = 12;

    private final String code;

    ReportingCurrency(@Value("${openchance.money.reporting-currency:EUR}") String code) {
        if (!isCode(code)) {
            throw new IllegalArgumentException(
                    "openchance.money.reporting-currency must be an ISO 4217 code such as EUR, not " + code);
        }
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether the text is an ISO 4217 currency code Java knows (three capital letters). */
    public static boolean isCode(String text) {
        if (text == null || !text.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An amount in a currency quoted at {@code rate} (1 base = rate units; null: the base itself) in a currency quoted
     * at {@code targetRate} (null: the base), not rounded.
     */
    public static BigDecimal convert(BigDecimal amount, BigDecimal rate, BigDecimal targetRate) {
        BigDecimal inBase = rate == null ? amount : amount.divide(rate, SCALE, RoundingMode.HALF_EVEN);
        return (targetRate == null ? inBase : inBase.multiply(targetRate)).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** Rounded half up to the currency's minor units (ISO 4217: JPY 0, EUR 2, KWD 3; 2 where it has none). */
    public static BigDecimal round(BigDecimal amount, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return amount.setScale(digits < 0 ? 2 : digits, RoundingMode.HALF_UP);
    }
}

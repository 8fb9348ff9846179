package org.openchance.server.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The organisation's reporting currency (setting {@code openchance.money.reporting-currency}, EUR by default): what
 * aggregates answer in unless asked otherwise, and what exchange rates are quoted against; and the rounding of
 * converted sums, once at the end, to the currency's minor units.
 */
@Component
public class ReportingCurrency {

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

    /** Rounded half up to the currency's minor units (ISO 4217: JPY 0, EUR 2, KWD 3; 2 where it has none). */
    public static BigDecimal round(BigDecimal amount, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return amount.setScale(digits < 0 ? 2 : digits, RoundingMode.HALF_UP);
    }
}

package org.openchance.server.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.openchance.store.money.ExchangeRates;

/**
 * Every exchange rate of the reporting currency in memory, to convert amounts of many days without a statement each
 * (a forecast converts each deal with the rate of its own day). A rate applies from its day until the next one.
 */
public final class DatedRates {

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final String base;
    private final Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency = new HashMap<>();

    DatedRates(String base, List<ExchangeRates.Rate> rates) {
        this.base = base;
        for (ExchangeRates.Rate r : rates) {
            byCurrency.computeIfAbsent(r.currency(), c -> new TreeMap<>()).put(r.validFrom(), r.rate());
        }
    }

    /** Equal when of the same base with the same rates. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DatedRates other && base.equals(other.base) && byCurrency.equals(other.byCurrency);
    }

    @Override
    public int hashCode() {
        return base.hashCode() * 31 + byCurrency.hashCode();
    }

    /** Units of the currency one unit of the base buys on the day; null when no rate is valid then. */
    public BigDecimal rate(String currency, LocalDate day) {
        if (currency.equals(base)) {
            return BigDecimal.ONE;
        }
        NavigableMap<LocalDate, BigDecimal> rates = byCurrency.get(currency);
        Map.Entry<LocalDate, BigDecimal> valid = rates == null ? null : rates.floorEntry(day);
        return valid == null ? null : valid.getValue();
    }

    /** The amount in currency {@code to} with the rates of the day, unrounded; null when a rate is missing. */
    public BigDecimal convert(BigDecimal amount, String from, String to, LocalDate day) {
        if (from.equals(to)) {
            return amount;
        }
        BigDecimal fromRate = rate(from, day);
        BigDecimal toRate = rate(to, day);
        if (fromRate == null || toRate == null) {
            return null;
        }
        return amount.divide(fromRate, PRECISION).multiply(toRate, PRECISION);
    }
}

package org.openchance.server.money;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openchance.server.support.AfterCommit;
import org.openchance.store.money.AmountBound;
import org.openchance.store.money.ExchangeRates;
import org.openchance.store.opportunity.OpportunitySort;
import org.openchance.store.page.SortKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Today's exchange rates against the reporting currency, for what compares amounts across currencies in one statement:
 * the amount filters (one bound per currency) and ordering by amount. Kept a few seconds ({@code
 * openchance.money.rates-cache-seconds}; another server's or an import's new rate shows after that), forgotten at once
 * when this server sets one.
 */
@Component
public class CurrentRates {

    private record Cached(LocalDate day, Map<String, BigDecimal> rates, long loadedAt) {}

    private final ExchangeRates store;
    private final ReportingCurrency reporting;
    private final long maxAgeNanos;
    private volatile Cached cached;

    CurrentRates(
            ExchangeRates store,
            ReportingCurrency reporting,
            @Value("${openchance.money.rates-cache-seconds:10}") long cacheSeconds) {
        this.store = store;
        this.reporting = reporting;
        this.maxAgeNanos = Duration.ofSeconds(cacheSeconds).toNanos();
    }

    /** Per currency with a rate today, how many units one unit of the reporting currency buys. */
    public Map<String, BigDecimal> today() {
        LocalDate today = LocalDate.now();
        Cached c = cached;
        if (c == null || !c.day().equals(today) || System.nanoTime() - c.loadedAt() > maxAgeNanos) {
            c = new Cached(today, Map.copyOf(store.validOn(reporting.code(), today)), System.nanoTime());
            cached = c;
        }
        return c.rates();
    }

    /** Forgets today's rates once the current transaction commits. */
    public void forget() {
        AfterCommit.run(() -> cached = null);
    }

    /**
     * Amount bounds given in the reporting currency as one bound per currency that has a rate today (min x rate), or
     * null when neither is given.
     */
    public List<AmountBound> bounds(BigDecimal min, BigDecimal max) {
        if (min == null && max == null) {
            return null;
        }
        List<AmountBound> bounds = new ArrayList<>();
        bounds.add(new AmountBound(reporting.code(), min, max));
        today().forEach((currency, rate) -> bounds.add(new AmountBound(
                currency, min == null ? null : min.multiply(rate), max == null ? null : max.multiply(rate))));
        return bounds;
    }

    /** Ordering by amount in the reporting currency, converted with today's rates. */
    public SortKey amountSort(boolean descending) {
        return OpportunitySort.amountIn(reporting.code(), today(), descending);
    }
}

package org.openchance.plugins.quotes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Prices in one currency for a period; with an account, that account's own list. */
record PriceList(
        UUID id,
        String name,
        String currency,
        LocalDate validFrom,
        LocalDate validTo,
        UUID accountId,
        int version,
        Instant createdAt) {

    boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }
}

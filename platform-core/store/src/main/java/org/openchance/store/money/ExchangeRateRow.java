package org.openchance.store.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.lang.Nullable;

/**
 * One exchange rate: 1 {@code base} = {@code rate} {@code currency}, from {@code validFrom} until the day before
 * {@code validUntil} (the next rate's day; null while no later rate exists).
 */
public record ExchangeRateRow(
        UUID id,
        String base,
        String currency,
        LocalDate validFrom,
        @Nullable LocalDate validUntil,
        BigDecimal rate,
        Instant setAt,
        @Nullable UUID setBy) {}

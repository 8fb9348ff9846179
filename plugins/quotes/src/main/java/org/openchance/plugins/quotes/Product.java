package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An article of the catalogue: what a quote line can name instead of free text. */
record Product(
        UUID id,
        String sku,
        String name,
        String description,
        String unit,
        BigDecimal taxRate,
        boolean active,
        int version,
        Instant createdAt,
        Instant updatedAt) {}

package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.util.UUID;

/** A position of a quote: a product (its SKU and name copied, so the quote keeps saying what was offered) or free text. */
record QuoteLine(
        UUID id,
        UUID quoteId,
        int position,
        UUID productId,
        String sku,
        String name,
        String description,
        BigDecimal quantity,
        String unit,
        BigDecimal unitPrice,
        BigDecimal discountPercent,
        BigDecimal taxRate,
        boolean optional) {

    Totals.Line forTotals() {
        return new Totals.Line(quantity, unitPrice, discountPercent, taxRate, optional);
    }
}

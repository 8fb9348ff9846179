package org.openchance.api.document;

import java.time.LocalDate;
import java.util.List;
import org.openchance.api.model.Money;

/** Everything a quote document shows; amounts are computed by the host, a renderer only lays them out. */
public record QuoteDocument(
        String number,
        int version,
        LocalDate date,
        LocalDate validUntil,
        String customerName,
        String customerAddress,
        String contactName,
        List<Line> lines,
        Money subtotal,
        Money tax,
        Money total,
        String notes) {

    public QuoteDocument {
        lines = List.copyOf(lines);
    }

    /** One position: quantity x unit price less the discount. */
    public record Line(
            String product,
            String description,
            java.math.BigDecimal quantity,
            Money unitPrice,
            java.math.BigDecimal discountPercent,
            Money total) {}
}

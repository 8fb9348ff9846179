package org.openchance.api.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.openchance.api.model.Money;

/**
 * Everything a quote document shows. The quotes plugin computes every amount; a renderer only lays them out (and must
 * not round or add anything itself, so the document says exactly what the quote says).
 *
 * @param language     {@code de} or {@code en}: the customer's
 * @param seller       the letterhead: who makes the offer
 * @param customer     the address block: company name first, then the address lines
 * @param contactName  the customer's contact person; null when none
 * @param number       e.g. {@code Q-2026-00042}
 * @param revision     1 for the first version of a quote, 2 for the first revision ...
 * @param subject      what the quote is for, e.g. the opportunity's name
 * @param salesPerson  the seller's contact for this quote; null when unknown
 * @param lines        the positions in order, optional ones included (marked)
 * @param subtotal     sum of the non-optional lines' net amounts
 * @param discount     the quote-level discount; null when there is none
 * @param taxes        the tax per rate, each on the discounted net of its lines
 * @param total        subtotal less discount plus taxes
 * @param terms        payment and delivery terms, validity; may be null
 * @param draft        a draft (a preview): the renderer marks it so nobody takes it for the quote sent
 */
public record QuoteDocument(
        String language,
        Seller seller,
        List<String> customer,
        String contactName,
        String number,
        int revision,
        LocalDate date,
        LocalDate validUntil,
        String subject,
        SalesPerson salesPerson,
        String introduction,
        List<Line> lines,
        Money subtotal,
        Discount discount,
        List<Tax> taxes,
        Money total,
        String terms,
        boolean draft) {

    public QuoteDocument {
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(number, "number");
        customer = List.copyOf(customer);
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }

    /** Who makes the offer: the letterhead and the footer of every page. Every field but the name may be null. */
    public record Seller(
            String name,
            List<String> address,
            String phone,
            String email,
            String website,
            String vatId,
            String registration,
            String bank,
            byte[] logoPng) {

        public Seller {
            Objects.requireNonNull(name, "name");
            address = address == null ? List.of() : List.copyOf(address);
        }
    }

    /** The seller's contact for the quote (the opportunity's owner): name, and e-mail and phone where known. */
    public record SalesPerson(String name, String email, String phone) {

        public SalesPerson {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One position.
     *
     * @param position 1, 2, 3 ... as the customer refers to it
     * @param sku      the product's article number; null for a free-text line
     * @param name     the product's name or the line's short text
     * @param description longer text, wrapped by the renderer; may be null
     * @param unit     e.g. {@code piece}, {@code hour}, {@code licence/month}
     * @param discountPercent 0 when none
     * @param optional the customer may choose it; not in the totals
     * @param net      quantity × unit price less the discount, rounded to the currency's minor unit
     */
    public record Line(
            int position,
            String sku,
            String name,
            String description,
            BigDecimal quantity,
            String unit,
            Money unitPrice,
            BigDecimal discountPercent,
            BigDecimal taxRate,
            boolean optional,
            Money net) {}

    /** A discount on the whole quote: {@code percent} of the subtotal, {@code amount} the money it takes off. */
    public record Discount(BigDecimal percent, Money amount) {}

    /** The tax at one rate: {@code base} is the discounted net it is computed on. */
    public record Tax(BigDecimal rate, Money base, Money amount) {}
}

package org.openchance.plugins.quotes;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openchance.api.document.QuoteDocument;
import org.openchance.api.document.QuoteRenderer;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.model.Money;
import org.openchance.plugins.quotes.Database.Refused;

/**
 * Turns a quote revision into the {@link QuoteDocument} a renderer lays out (amounts from {@link Totals}, the seller
 * from the plugin's settings) and renders it with the renderer its template names.
 *
 * <p>Settings: {@code seller.name}, {@code seller.address} (lines separated by "|"), {@code seller.phone},
 * {@code seller.email}, {@code seller.website}, {@code seller.vat-id}, {@code seller.registration},
 * {@code seller.bank}, {@code seller.logo-png} (base64).
 */
final class QuoteDocuments {

    private static final Set<String> GERMAN_SPEAKING = Set.of(
            "de",
            "deu",
            "germany",
            "deutschland",
            "at",
            "aut",
            "austria",
            "österreich",
            "oesterreich",
            "ch",
            "che",
            "switzerland",
            "schweiz",
            "li",
            "liechtenstein");

    private final PluginSettings settings;
    private final OpportunityReader reader;
    private final Renderers renderers;

    QuoteDocuments(PluginSettings settings, OpportunityReader reader, Renderers renderers) {
        this.settings = settings;
        this.reader = reader;
        this.renderers = renderers;
    }

    /** German for customers in German-speaking countries, English for the others. */
    static String languageFor(String country) {
        return country != null && GERMAN_SPEAKING.contains(country.trim().toLowerCase(Locale.ROOT)) ? "de" : "en";
    }

    QuoteStore.Document render(Quote q, List<QuoteLine> lines, boolean draft) throws Refused {
        QuoteRenderer renderer = renderers
                .get(q.template())
                .orElseThrow(() -> new Refused(
                        "VALIDATION",
                        "input.template",
                        "no quote template " + q.template() + "; present: " + renderers.ids()));
        byte[] content;
        try {
            content = renderer.render(document(q, lines, draft));
        } catch (RuntimeException e) {
            throw new Refused(
                    "VALIDATION", "input.id", "the template " + q.template() + " could not render the quote: " + e);
        }
        String extension = renderer.mediaType().equals("application/pdf") ? ".pdf" : "";
        return new QuoteStore.Document(
                renderer.mediaType(), q.number() + "-" + q.revision() + (draft ? "-draft" : "") + extension, content);
    }

    QuoteDocument document(Quote q, List<QuoteLine> lines, boolean draft) {
        Totals totals =
                Totals.of(q.currency(), lines.stream().map(QuoteLine::forTotals).toList(), q.discountPercent());
        List<QuoteDocument.Line> documentLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            QuoteLine l = lines.get(i);
            documentLines.add(new QuoteDocument.Line(
                    l.position(),
                    l.sku(),
                    l.name(),
                    l.description(),
                    l.quantity(),
                    l.unit(),
                    money(l.unitPrice(), q),
                    l.discountPercent(),
                    l.taxRate(),
                    l.optional(),
                    money(totals.lineNets().get(i), q)));
        }
        QuoteDocument.SalesPerson salesPerson = reader.user(q.ownerId())
                .map(u -> new QuoteDocument.SalesPerson(u.name(), u.email(), null))
                .orElse(null);
        LocalDate date =
                q.sentAt() != null ? q.sentAt().atZone(ZoneId.systemDefault()).toLocalDate() : LocalDate.now();
        return new QuoteDocument(
                q.language(),
                seller(),
                q.customerAddress() == null
                        ? List.of()
                        : List.of(q.customerAddress().split("\\R")),
                q.contactName(),
                q.number(),
                q.revision(),
                date,
                q.validUntil(),
                q.subject(),
                salesPerson,
                q.introduction(),
                documentLines,
                money(totals.subtotal(), q),
                totals.discount().signum() == 0
                        ? null
                        : new QuoteDocument.Discount(q.discountPercent(), money(totals.discount(), q)),
                totals.taxes().stream()
                        .map(t -> new QuoteDocument.Tax(t.rate(), money(t.base(), q), money(t.amount(), q)))
                        .toList(),
                money(totals.total(), q),
                q.terms(),
                draft);
    }

    private QuoteDocument.Seller seller() {
        byte[] logo = null;
        String encoded = settings.get("seller.logo-png", "");
        if (!encoded.isBlank()) {
            try {
                logo = Base64.getMimeDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                logo = null; // a broken setting prints no logo rather than no quote
            }
        }
        String address = settings.get("seller.address", "");
        return new QuoteDocument.Seller(
                settings.get("seller.name", "OpenChance Demo GmbH"),
                address.isBlank() ? List.of() : List.of(address.split("\\s*\\|\\s*")),
                blankToNull(settings.get("seller.phone", null)),
                blankToNull(settings.get("seller.email", null)),
                blankToNull(settings.get("seller.website", null)),
                blankToNull(settings.get("seller.vat-id", null)),
                blankToNull(settings.get("seller.registration", null)),
                blankToNull(settings.get("seller.bank", null)),
                logo);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Money money(java.math.BigDecimal amount, Quote q) {
        return new Money(amount, q.currency());
    }
}

package org.openchance.plugins.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openchance.api.document.QuoteDocument;
import org.openchance.api.model.Money;

/** The standard layout read back with PDFBox's text extraction: what a customer's PDF reader would show. */
class StandardPdfRendererTest {

    private static final String[] NAMES = {
        "Schraubenverdichter SK 25, 15 kW", "Kältetrockner KT 120", "Druckluftbehälter 500 l, verzinkt",
        "Wärmerückgewinnung WRG 30", "Ölabscheider ÖWAMAT 12", "Wartungsvertrag Premium (Jahr)",
        "Montage und Inbetriebnahme", "Druckluftleitung DN 40, je Meter"
    };

    /** A German quote of 40 lines (two pages), umlauts, ß and € everywhere, totals from {@link Totals}. */
    static QuoteDocument fortyLines(boolean draft) {
        List<QuoteLine> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add(new QuoteLine(
                    null,
                    null,
                    i,
                    null,
                    "SV-" + (1000 + i),
                    NAMES[i % NAMES.length] + " Größe " + i,
                    i % 5 == 0
                            ? "Inklusive Montage, Inbetriebnahme und Einweisung des Bedienpersonals vor Ort;"
                                    + " Wartungsintervall 4.000 Betriebsstunden. Maße: 1.200 × 800 × 1.450 mm."
                            : null,
                    new BigDecimal(i % 4 == 0 ? "0.5" : String.valueOf(i % 5 + 1)),
                    i % 2 == 0 ? "Stück" : "Stunde",
                    new BigDecimal("1234.56").add(BigDecimal.valueOf(i)),
                    i % 7 == 0 ? new BigDecimal("12.5") : BigDecimal.ZERO,
                    i % 6 == 0 ? new BigDecimal("7") : new BigDecimal("19"),
                    i == 40));
        }
        Totals totals =
                Totals.of("EUR", lines.stream().map(QuoteLine::forTotals).toList(), new BigDecimal("3"));
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
                    new Money(l.unitPrice(), "EUR"),
                    l.discountPercent(),
                    l.taxRate(),
                    l.optional(),
                    new Money(totals.lineNets().get(i), "EUR")));
        }
        return new QuoteDocument(
                "de",
                new QuoteDocument.Seller(
                        "Drucklufttechnik Süd GmbH",
                        List.of("Äußere Weißenburger Straße 12", "81667 München"),
                        "+49 89 123456-0",
                        "angebote@druckluft-sued.example",
                        "www.druckluft-sued.example",
                        "DE123456789",
                        "Amtsgericht München HRB 123456",
                        "Stadtsparkasse München · IBAN DE02 7015 0000 0000 1234 56 · BIC SSKMDEMMXXX",
                        null),
                List.of("Kompressorenwerk Nord GmbH", "Einkauf", "Hafenstraße 5", "20457 Hamburg"),
                "Jörg Weiß",
                "Q-2026-00042",
                2,
                LocalDate.of(2026, 12, 7),
                LocalDate.of(2027, 1, 6),
                "Modernisierung der Druckluftstation, Halle 3",
                new QuoteDocument.SalesPerson("Jana Müller", "jana.mueller@druckluft-sued.example", "+49 89 123456-17"),
                null,
                documentLines,
                new Money(totals.subtotal(), "EUR"),
                new QuoteDocument.Discount(new BigDecimal("3"), new Money(totals.discount(), "EUR")),
                totals.taxes().stream()
                        .map(t -> new QuoteDocument.Tax(
                                t.rate(), new Money(t.base(), "EUR"), new Money(t.amount(), "EUR")))
                        .toList(),
                new Money(totals.total(), "EUR"),
                "Zahlbar innerhalb von 30 Tagen ohne Abzug. Lieferung frei Haus.",
                draft);
    }

    @Test
    void a_forty_line_quote_reads_back_with_every_line_the_totals_and_the_umlauts() throws IOException {
        QuoteDocument quote = fortyLines(false);
        byte[] pdf = new StandardPdfRenderer().render(quote);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/quote-40-lines.pdf"), pdf); // for a look with pdftoppm

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            // words as a reader sees them, whatever line a wrapped text is on
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Angebot Q-2026-00042 – Revision 2", "Gültig bis", "06.01.2027");
            assertThat(text).contains("Drucklufttechnik Süd GmbH", "Äußere Weißenburger Straße 12", "Jörg Weiß");
            for (QuoteDocument.Line line : quote.lines()) {
                assertThat(text).contains(line.name());
                assertThat(text).contains("Art.-Nr. " + line.sku());
            }
            assertThat(text).contains("Optional – nicht in der Summe");
            assertThat(text)
                    .contains(
                            euro(quote.subtotal()),
                            euro(quote.total()),
                            euro(quote.discount().amount()));
            for (QuoteDocument.Tax tax : quote.taxes()) {
                assertThat(text).contains(euro(tax.amount()));
            }
            // the table header and the page numbers on every page
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                PDFTextStripper one = new PDFTextStripper();
                one.setStartPage(page);
                one.setEndPage(page);
                String pageText = one.getText(document);
                assertThat(pageText).contains("Einzelpreis", "Seite " + page + " von " + document.getNumberOfPages());
                assertThat(pageText).contains("USt-IdNr. DE123456789");
            }
            assertThat(text).doesNotContain("ENTWURF");
        }
    }

    @Test
    void a_draft_is_marked_and_an_english_quote_speaks_english() throws IOException {
        QuoteDocument german = fortyLines(true);
        try (PDDocument document = Loader.loadPDF(new StandardPdfRenderer().render(german))) {
            assertThat(new PDFTextStripper().getText(document)).contains("ENTWURF");
        }
        QuoteDocument english = new QuoteDocument(
                "en",
                german.seller(),
                List.of("Acme Ltd", "London"),
                null,
                "Q-2026-00043",
                1,
                german.date(),
                german.validUntil(),
                "Compressed air audit",
                null,
                null,
                german.lines().subList(0, 3),
                german.subtotal(),
                null,
                german.taxes(),
                german.total(),
                null,
                false);
        try (PDDocument document = Loader.loadPDF(new StandardPdfRenderer().render(english))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Quote Q-2026-00043", "Valid until", "6 January 2027", "Unit price", "Page 1 of 1");
            assertThat(text).contains("Dear Sir or Madam,");
        }
    }

    @Test
    void characters_the_font_lacks_print_as_question_marks_instead_of_failing() throws IOException {
        QuoteDocument base = fortyLines(false);
        QuoteDocument odd = new QuoteDocument(
                "de",
                base.seller(),
                List.of("株式会社テスト", "Tab\there"),
                null,
                "Q-2026-00044",
                1,
                base.date(),
                base.validUntil(),
                "Emoji 🚀 und Steuerzeichen \u0007",
                null,
                null,
                base.lines().subList(0, 1),
                base.subtotal(),
                null,
                base.taxes(),
                base.total(),
                null,
                false);
        try (PDDocument document = Loader.loadPDF(new StandardPdfRenderer().render(odd))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Emoji ? und Steuerzeichen ?", "Tab here");
        }
    }

    @Test
    void aVeryLongWordIsCutAndADescriptionLongerThanAPageGoesOnOnTheNext() throws IOException {
        QuoteDocument base = fortyLines(false);
        String word = "Druckluft".repeat(300); // 2,700 characters without a space
        StringBuilder longDescription = new StringBuilder();
        for (int i = 1; i <= 150; i++) {
            longDescription.append("Leistungsposition ").append(i).append('\n');
        }
        QuoteDocument.Line first = base.lines().get(0);
        QuoteDocument.Line huge = new QuoteDocument.Line(
                1,
                first.sku(),
                first.name(),
                longDescription.toString(),
                first.quantity(),
                first.unit(),
                first.unitPrice(),
                first.discountPercent(),
                first.taxRate(),
                false,
                first.net());
        try (PDDocument document = Loader.loadPDF(new StandardPdfRenderer().render(withTerms(base, huge, word)))) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3);
            String text = new PDFTextStripper().getText(document);
            assertThat(text.replaceAll("\\s+", "").contains(word))
                    .as("the long word, cut into lines")
                    .isTrue();
            for (int i = 1; i <= 150; i++) {
                assertThat(text).contains("Leistungsposition " + i + "\n");
            }
        }
        // 18,000 characters without a space: seconds at most (the cut is found by halving), not minutes
        long started = System.nanoTime();
        new StandardPdfRenderer().render(withTerms(base, first, "Druckluft".repeat(2_000)));
        assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
    }

    private static QuoteDocument withTerms(QuoteDocument base, QuoteDocument.Line line, String terms) {
        return new QuoteDocument(
                "de",
                base.seller(),
                base.customer(),
                null,
                "Q-2026-00045",
                1,
                base.date(),
                base.validUntil(),
                base.subject(),
                null,
                null,
                List.of(line),
                base.subtotal(),
                null,
                base.taxes(),
                base.total(),
                terms,
                false);
    }

    @Test
    void theSellersLogoIsDrawnOnTheFirstPage() throws IOException {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(240, 80, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(0, 0, 240, 80);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        QuoteDocument base = fortyLines(false);
        QuoteDocument.Seller s = base.seller();
        QuoteDocument withLogo = new QuoteDocument(
                "de",
                new QuoteDocument.Seller(
                        s.name(),
                        s.address(),
                        s.phone(),
                        s.email(),
                        s.website(),
                        s.vatId(),
                        s.registration(),
                        s.bank(),
                        png.toByteArray()),
                base.customer(),
                base.contactName(),
                base.number(),
                base.revision(),
                base.date(),
                base.validUntil(),
                base.subject(),
                base.salesPerson(),
                base.introduction(),
                base.lines().subList(0, 2),
                base.subtotal(),
                null,
                base.taxes(),
                base.total(),
                base.terms(),
                false);
        try (PDDocument document = Loader.loadPDF(new StandardPdfRenderer().render(withLogo))) {
            org.apache.pdfbox.pdmodel.PDResources resources =
                    document.getPage(0).getResources();
            List<org.apache.pdfbox.cos.COSName> images = new ArrayList<>();
            for (org.apache.pdfbox.cos.COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) {
                    images.add(name);
                }
            }
            assertThat(images).hasSize(1);
        }
        try (PDDocument document = Loader.loadPDF(new StandardPdfRenderer().render(base))) {
            assertThat(document.getPage(0).getResources().getXObjectNames()).isEmpty(); // no logo set: none drawn
        }
    }

    /** As the document prints it: 1.234,56 € (German). */
    private static String euro(Money money) {
        java.text.NumberFormat f = java.text.NumberFormat.getCurrencyInstance(java.util.Locale.GERMANY);
        f.setMaximumFractionDigits(4);
        return f.format(money.amount());
    }
}

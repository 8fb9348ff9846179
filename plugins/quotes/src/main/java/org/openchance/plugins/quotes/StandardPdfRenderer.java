package org.openchance.plugins.quotes;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;
import org.openchance.api.document.QuoteDocument;
import org.openchance.api.document.QuoteRenderer;
import org.openchance.api.model.Money;
import org.osgi.service.component.annotations.Component;

/**
 * The default quote layout, drawn with PDFBox on A4 after DIN 5008: letterhead, the customer's address where a window
 * envelope shows it, the quote's facts beside it, the line table (descriptions wrapped, optional lines marked, the
 * header repeated on every page), the totals with the tax per rate, the terms; on every page a footer with the
 * seller's contact, VAT and bank details and "page n of m". German or English as the document says; Liberation Sans
 * embedded (subset), so umlauts, ß and € print on any reader.
 */
@Component(service = QuoteRenderer.class, property = QuoteRenderer.ID + "=" + StandardPdfRenderer.ID)
public class StandardPdfRenderer implements QuoteRenderer {

    static final String ID = "pdf-standard";

    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 20 * MM;
    private static final float RIGHT = PDRectangle.A4.getWidth() - 15 * MM;
    private static final float TOP = PDRectangle.A4.getHeight() - 12 * MM;
    /** Content stops here; the footer lies below. */
    private static final float BOTTOM = 30 * MM;

    private static final Color GREY = new Color(0x55, 0x55, 0x55);
    private static final Color RULE = new Color(0xbb, 0xbb, 0xbb);
    private static final Color HEADER_FILL = new Color(0xee, 0xf1, 0xf5);

    private static final byte[] REGULAR = font("liberation/LiberationSans-Regular.ttf");
    private static final byte[] BOLD = font("liberation/LiberationSans-Bold.ttf");

    // the line table's columns (x in points): text columns by their left edge, numbers by their right edge
    private static final float POSITION_X = LEFT;
    private static final float NAME_X = 28 * MM;
    private static final float NAME_WIDTH = 76 * MM;
    private static final float QUANTITY_RIGHT = 119 * MM;
    private static final float UNIT_X = 121 * MM;
    private static final float UNIT_WIDTH = 19 * MM;
    private static final float PRICE_RIGHT = 158 * MM;
    private static final float DISCOUNT_RIGHT = 171 * MM;
    private static final float AMOUNT_RIGHT = RIGHT;

    @Override
    public String mediaType() {
        return "application/pdf";
    }

    @Override
    public byte[] render(QuoteDocument quote) {
        try (PDDocument pdf = new PDDocument()) {
            return new Layout(pdf, quote).draw();
        } catch (IOException e) {
            throw new UncheckedIOException("the quote's PDF could not be drawn", e);
        }
    }

    private static byte[] font(String resource) {
        try (InputStream in = StandardPdfRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One document being laid out: the pen moves down the page, a new page starts when the next block won't fit. */
    private static final class Layout {

        private final PDDocument pdf;
        private final QuoteDocument q;
        private final Texts t;
        private final PDType0Font regular;
        private final PDType0Font bold;
        private final Map<PDType0Font, Map<Integer, Boolean>> printable = new HashMap<>();
        private final List<PDPage> pages = new ArrayList<>();
        private PDPageContentStream out;
        private float y;

        Layout(PDDocument pdf, QuoteDocument q) throws IOException {
            this.pdf = pdf;
            this.q = q;
            this.t = new Texts(q.language(), q.total().currency());
            this.regular = PDType0Font.load(pdf, new java.io.ByteArrayInputStream(REGULAR), true);
            this.bold = PDType0Font.load(pdf, new java.io.ByteArrayInputStream(BOLD), true);
        }

        byte[] draw() throws IOException {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(t.word("Quote", "Angebot") + " " + q.number() + " " + t.word("revision", "Revision") + " "
                    + q.revision());
            info.setAuthor(q.seller().name());
            info.setCreator("OpenChance");
            newPage();
            letterhead();
            addressAndFacts();
            subjectAndIntroduction();
            table();
            totals();
            terms();
            out.close();
            footers();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            pdf.save(bytes);
            return bytes.toByteArray();
        }

        // --- page one ---

        private void letterhead() throws IOException {
            QuoteDocument.Seller s = q.seller();
            if (s.logoPng() != null && s.logoPng().length > 0) {
                try {
                    PDImageXObject logo = PDImageXObject.createFromByteArray(pdf, s.logoPng(), "logo");
                    float height = 16 * MM;
                    float width = Math.min(60 * MM, logo.getWidth() * height / logo.getHeight());
                    out.drawImage(logo, RIGHT - width, TOP - height, width, height);
                } catch (IOException | IllegalArgumentException notAnImage) {
                    // a broken logo setting prints no logo rather than no quote
                }
            }
            text(bold, 16, LEFT, TOP - 12, s.name(), Color.BLACK);
            // the sender line above the address window (DIN 5008), within the window's 85 mm so it never runs into
            // the facts block beside it: smaller type for a long address, cut only below 5.5 pt
            String sender = String.join(" · ", withName(s.name(), s.address()));
            float size = Math.max(5.5f, Math.min(7, 7 * (85 * MM) / Math.max(1, width(regular, 7, sender))));
            List<String> senderLines = wrap(regular, size, sender, 85 * MM);
            if (!senderLines.isEmpty()) {
                text(regular, size, LEFT, PDRectangle.A4.getHeight() - 50 * MM, senderLines.get(0), GREY);
            }
        }

        private void addressAndFacts() throws IOException {
            float top = PDRectangle.A4.getHeight() - 56 * MM;
            float line = 13;
            float yy = top;
            int lines = 0;
            for (String part : q.customer()) {
                for (String wrapped : wrap(regular, 10, part, 80 * MM)) {
                    if (++lines > 8) { // the window of the envelope shows no more
                        break;
                    }
                    text(regular, 10, LEFT, yy, wrapped, Color.BLACK);
                    yy -= line;
                }
            }
            if (q.contactName() != null) {
                text(regular, 10, LEFT, yy, t.word("Attn. ", "z. Hd. ") + q.contactName(), Color.BLACK);
            }
            float labels = 125 * MM;
            float values = 152 * MM;
            float fy = PDRectangle.A4.getHeight() - 50 * MM;
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {t.word("Quote no.", "Angebotsnr."), q.number()});
            facts.add(new String[] {t.word("Revision", "Revision"), String.valueOf(q.revision())});
            facts.add(new String[] {t.word("Date", "Datum"), t.date(q.date())});
            facts.add(new String[] {t.word("Valid until", "Gültig bis"), t.date(q.validUntil())});
            QuoteDocument.SalesPerson person = q.salesPerson();
            if (person != null) {
                facts.add(new String[] {t.word("Your contact", "Ansprechpartner"), person.name()});
                if (person.phone() != null) {
                    facts.add(new String[] {t.word("Phone", "Telefon"), person.phone()});
                }
            }
            for (String[] fact : facts) {
                text(regular, 8.5f, labels, fy, fact[0], GREY);
                for (String wrapped : wrap(regular, 8.5f, fact[1], RIGHT - values)) {
                    text(regular, 8.5f, values, fy, wrapped, Color.BLACK);
                    fy -= 11;
                }
            }
            if (person != null && person.email() != null) { // an address is long: under the facts, its full width
                for (String wrapped : wrap(regular, 8.5f, person.email(), RIGHT - labels)) {
                    text(regular, 8.5f, labels, fy, wrapped, Color.BLACK);
                    fy -= 11;
                }
            }
            y = Math.min(yy, fy) - 14 * MM;
        }

        private void subjectAndIntroduction() throws IOException {
            String title = t.word("Quote ", "Angebot ")
                    + q.number()
                    + (q.revision() > 1 ? " – " + t.word("revision ", "Revision ") + q.revision() : "");
            text(bold, 13, LEFT, y, title, Color.BLACK);
            y -= 16;
            if (q.subject() != null) {
                for (String wrapped : wrap(regular, 10, q.subject(), RIGHT - LEFT)) {
                    text(regular, 10, LEFT, y, wrapped, Color.BLACK);
                    y -= 13;
                }
            }
            y -= 8;
            String salutation = q.contactName() != null
                    ? t.word("Dear " + q.contactName() + ",", "Guten Tag " + q.contactName() + ",")
                    : t.word("Dear Sir or Madam,", "Sehr geehrte Damen und Herren,");
            paragraph(salutation, 10, 13);
            y -= 4;
            String introduction = q.introduction() != null
                    ? q.introduction()
                    : t.word(
                            "Thank you for your interest. We are pleased to offer you the following:",
                            "vielen Dank für Ihr Interesse. Gerne unterbreiten wir Ihnen folgendes Angebot:");
            paragraph(introduction, 10, 13);
            y -= 8;
        }

        // --- the table ---

        private void table() throws IOException {
            tableHeader();
            for (QuoteDocument.Line line : q.lines()) {
                List<String> name = wrap(bold, 9, line.name(), NAME_WIDTH);
                List<String> description = new ArrayList<>();
                if (line.sku() != null) {
                    description.add(t.word("Item ", "Art.-Nr. ") + line.sku());
                }
                if (line.description() != null) {
                    for (String paragraph : line.description().split("\\R")) {
                        description.addAll(wrap(regular, 8, paragraph, NAME_WIDTH));
                    }
                }
                if (line.optional()) {
                    description.add(t.word("Optional – not included in the total", "Optional – nicht in der Summe"));
                }
                List<String> unit = wrap(regular, 8, line.unit(), UNIT_WIDTH);
                float height = Math.max(name.size() * 10.5f + description.size() * 9.5f, unit.size() * 10) + 7;
                if (y - height < BOTTOM) {
                    newPage();
                    tableHeader();
                }
                float rowTop = y;
                Color color = line.optional() ? GREY : Color.BLACK;
                // the row's first page: position, name, unit and the numbers; then the description, which may go on
                // on the next page when it is longer than a page
                text(regular, 9, POSITION_X, rowTop, String.valueOf(line.position()), color);
                float unitY = rowTop;
                for (String part : unit) {
                    text(regular, 8, UNIT_X, unitY, part, color);
                    unitY -= 10;
                }
                right(regular, 9, QUANTITY_RIGHT, rowTop, t.number(line.quantity()), color);
                right(regular, 9, PRICE_RIGHT, rowTop, t.money(line.unitPrice()), color);
                String discount = line.discountPercent().signum() == 0 ? "" : t.number(line.discountPercent()) + " %";
                right(regular, 9, DISCOUNT_RIGHT, rowTop, discount, color);
                String net = t.money(line.net());
                right(regular, 9, AMOUNT_RIGHT, rowTop, line.optional() ? "(" + net + ")" : net, color);
                float yy = rowTop;
                for (String part : name) {
                    text(bold, 9, NAME_X, yy, part, color);
                    yy -= 10.5f;
                }
                boolean brokeOff = false;
                for (String part : description) {
                    if (yy < BOTTOM) {
                        newPage();
                        tableHeader();
                        yy = y;
                        brokeOff = true;
                    }
                    text(regular, 8, NAME_X, yy, part, GREY);
                    yy -= 9.5f;
                }
                y = (brokeOff ? yy : Math.min(yy, unitY)) + 2;
                rule(y, 0.3f);
                y -= 12;
            }
        }

        private void tableHeader() throws IOException {
            out.setNonStrokingColor(HEADER_FILL);
            out.addRect(LEFT, y - 5, RIGHT - LEFT, 16);
            out.fill();
            text(bold, 8.5f, POSITION_X, y, t.word("Pos.", "Pos."), Color.BLACK);
            text(bold, 8.5f, NAME_X, y, t.word("Description", "Bezeichnung"), Color.BLACK);
            right(bold, 8.5f, QUANTITY_RIGHT, y, t.word("Qty", "Menge"), Color.BLACK);
            text(bold, 8.5f, UNIT_X, y, t.word("Unit", "Einheit"), Color.BLACK);
            right(bold, 8.5f, PRICE_RIGHT, y, t.word("Unit price", "Einzelpreis"), Color.BLACK);
            right(bold, 8.5f, DISCOUNT_RIGHT, y, t.word("Disc.", "Rabatt"), Color.BLACK);
            right(bold, 8.5f, AMOUNT_RIGHT, y, t.word("Amount", "Betrag"), Color.BLACK);
            y -= 20;
        }

        // --- totals and terms ---

        private void totals() throws IOException {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {t.word("Subtotal", "Zwischensumme"), t.money(q.subtotal())});
            if (q.discount() != null && q.discount().amount().amount().signum() != 0) {
                rows.add(new String[] {
                    t.word("Discount ", "Rabatt ") + t.number(q.discount().percent()) + " %",
                    "− " + t.money(q.discount().amount())
                });
                rows.add(new String[] {
                    t.word("Net amount", "Nettobetrag"),
                    t.money(new Money(
                            q.subtotal().amount().subtract(q.discount().amount().amount()),
                            q.subtotal().currency()))
                });
            }
            for (QuoteDocument.Tax tax : q.taxes()) {
                rows.add(new String[] {
                    t.word("VAT ", "USt. ") + t.number(tax.rate()) + " %" + t.word(" on ", " auf ")
                            + t.money(tax.base()),
                    t.money(tax.amount())
                });
            }
            float needed = rows.size() * 14 + 30;
            if (y - needed < BOTTOM) {
                newPage();
            }
            y -= 4;
            float labels = 110 * MM;
            for (String[] row : rows) {
                text(regular, 9.5f, labels, y, row[0], Color.BLACK);
                right(regular, 9.5f, RIGHT, y, row[1], Color.BLACK);
                y -= 14;
            }
            out.setStrokingColor(Color.BLACK);
            out.setLineWidth(0.8f);
            out.moveTo(labels, y + 9);
            out.lineTo(RIGHT, y + 9);
            out.stroke();
            y -= 4;
            text(bold, 11, labels, y, t.word("Total", "Gesamtbetrag"), Color.BLACK);
            right(bold, 11, RIGHT, y, t.money(q.total()), Color.BLACK);
            y -= 24;
        }

        private void terms() throws IOException {
            if (q.terms() != null) {
                if (y - 30 < BOTTOM) {
                    newPage();
                }
                text(bold, 9.5f, LEFT, y, t.word("Terms", "Konditionen"), Color.BLACK);
                y -= 13;
                paragraph(q.terms(), 9, 12);
            }
            y -= 10;
            paragraph(
                    t.word(
                            "This quote is valid until " + t.date(q.validUntil()) + ". We look forward to your order.",
                            "Dieses Angebot ist gültig bis zum " + t.date(q.validUntil())
                                    + ". Wir freuen uns auf Ihren Auftrag."),
                    9.5f,
                    12.5f);
        }

        // --- every page ---

        private void footers() throws IOException {
            QuoteDocument.Seller s = q.seller();
            List<String> first = withName(s.name(), s.address());
            List<String> second = new ArrayList<>();
            addIf(second, t.word("Phone ", "Tel. "), s.phone());
            addIf(second, "", s.email());
            addIf(second, "", s.website());
            List<String> third = new ArrayList<>();
            addIf(third, t.word("VAT ID ", "USt-IdNr. "), s.vatId());
            addIf(third, "", s.registration());
            addIf(third, "", s.bank());
            int n = 0;
            for (PDPage page : pages) {
                n++;
                try (PDPageContentStream footer =
                        new PDPageContentStream(pdf, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    out = footer;
                    String pageOf = t.word("Page ", "Seite ") + n + t.word(" of ", " von ") + pages.size();
                    right(regular, 7.5f, RIGHT, 24.5f * MM, pageOf, GREY);
                    rule(22 * MM, 0.4f);
                    column(first, LEFT, 18.5f * MM, 56 * MM);
                    column(second, LEFT + 58 * MM, 18.5f * MM, 52 * MM);
                    column(third, LEFT + 112 * MM, 18.5f * MM, RIGHT - LEFT - 112 * MM);
                    if (q.draft()) {
                        watermark(t.word("DRAFT", "ENTWURF"));
                    }
                }
            }
        }

        private void column(List<String> lines, float x, float top, float width) throws IOException {
            float yy = top;
            for (String line : lines) {
                for (String wrapped : wrap(regular, 7, line, width)) {
                    text(regular, 7, x, yy, wrapped, GREY);
                    yy -= 8.5f;
                }
            }
        }

        private void watermark(String word) throws IOException {
            PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
            faint.setNonStrokingAlphaConstant(0.12f);
            out.saveGraphicsState();
            out.setGraphicsStateParameters(faint);
            out.beginText();
            out.setFont(bold, 96);
            out.setNonStrokingColor(Color.RED);
            out.setTextMatrix(Matrix.getRotateInstance(Math.toRadians(40), 150, 250));
            out.showText(word);
            out.endText();
            out.restoreGraphicsState();
        }

        // --- drawing ---

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            pages.add(page);
            out = new PDPageContentStream(pdf, page);
            if (pages.size() > 1) { // a continuation page says whose quote it is
                String heading = t.word("Quote ", "Angebot ") + q.number() + " · " + t.word("revision ", "Revision ")
                        + q.revision() + " · " + t.date(q.date());
                text(regular, 8, LEFT, TOP, q.seller().name(), GREY);
                right(regular, 8, RIGHT, TOP, heading, GREY);
                y = TOP - 24;
            }
        }

        private void paragraph(String text, float size, float leading) throws IOException {
            for (String paragraph : text.split("\\R")) {
                for (String line : wrap(regular, size, paragraph, RIGHT - LEFT)) {
                    if (y < BOTTOM) {
                        newPage();
                    }
                    text(regular, size, LEFT, y, line, Color.BLACK);
                    y -= leading;
                }
            }
        }

        private void rule(float at, float width) throws IOException {
            out.setStrokingColor(RULE);
            out.setLineWidth(width);
            out.moveTo(LEFT, at);
            out.lineTo(RIGHT, at);
            out.stroke();
        }

        private void text(PDType0Font font, float size, float x, float at, String text, Color color)
                throws IOException {
            if (text == null || text.isEmpty()) {
                return;
            }
            out.beginText();
            out.setFont(font, size);
            out.setNonStrokingColor(color);
            out.newLineAtOffset(x, at);
            out.showText(printable(font, text));
            out.endText();
        }

        private void right(PDType0Font font, float size, float x, float at, String text, Color color)
                throws IOException {
            text(font, size, x - width(font, size, text), at, text, color);
        }

        private float width(PDType0Font font, float size, String text) throws IOException {
            return font.getStringWidth(printable(font, text)) / 1000 * size;
        }

        /**
         * Greedy word wrap to a width; a word longer than a line is cut where it fills the line (found by halving, so
         * a 20,000-character word costs a few thousand measurements, not billions).
         */
        private List<String> wrap(PDType0Font font, float size, String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : printable(font, text).trim().split("\\s+")) {
                if (Thread.currentThread().isInterrupted()) { // the caller's time budget is over
                    throw new IOException("interrupted while laying out the quote");
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, candidate) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (word.length() > 1 && width(font, size, word) > width) {
                    int fits = longestPrefixWithin(font, size, word, width);
                    lines.add(word.substring(0, fits));
                    word = word.substring(fits);
                }
                line.append(word);
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        /** The length of the longest prefix of the word (at least 1) that fits the width. */
        private int longestPrefixWithin(PDType0Font font, float size, String word, float width) throws IOException {
            int low = 1;
            int high = Math.min(word.length() - 1, 400); // no line holds 400 characters at these sizes
            while (low < high) {
                int middle = (low + high + 1) / 2;
                if (width(font, size, word.substring(0, middle)) <= width) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            return low;
        }

        /** The text with what the font cannot show (control characters, scripts it lacks) as "?". */
        private String printable(PDType0Font font, String text) {
            Map<Integer, Boolean> known = printable.computeIfAbsent(font, f -> new HashMap<>());
            StringBuilder sb = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp == '\t' || cp == '\n' || cp == '\r') {
                    sb.append(' ');
                    return;
                }
                boolean ok = known.computeIfAbsent(cp, c -> {
                    if (Character.isISOControl(c)) {
                        return false;
                    }
                    try {
                        font.encode(new String(Character.toChars(c)));
                        return true;
                    } catch (IOException | IllegalArgumentException e) {
                        return false;
                    }
                });
                if (ok) {
                    sb.appendCodePoint(cp);
                } else {
                    sb.append('?');
                }
            });
            return sb.toString();
        }

        private static List<String> withName(String name, List<String> address) {
            List<String> all = new ArrayList<>();
            all.add(name);
            all.addAll(address);
            return all;
        }

        private static void addIf(List<String> list, String label, String value) {
            if (value != null && !value.isBlank()) {
                list.add(label + value);
            }
        }
    }

    /** Words, numbers, money and dates in the document's language. */
    private static final class Texts {
        private final boolean german;
        private final Locale locale;
        private final DateTimeFormatter dates;
        private final NumberFormat money;

        Texts(String language, String currency) {
            this.german = "de".equals(language);
            this.locale = german ? Locale.GERMANY : Locale.UK;
            this.dates = DateTimeFormatter.ofPattern(german ? "dd.MM.yyyy" : "d MMMM yyyy", locale);
            this.money = NumberFormat.getCurrencyInstance(locale);
            Currency c = Currency.getInstance(currency);
            money.setCurrency(c);
            int digits = Math.max(0, c.getDefaultFractionDigits());
            money.setMinimumFractionDigits(digits);
            money.setMaximumFractionDigits(Math.max(digits, 4)); // unit prices may have more than the minor unit
        }

        String word(String english, String deutsch) {
            return german ? deutsch : english;
        }

        String date(java.time.LocalDate date) {
            return date == null ? "" : dates.format(date);
        }

        String money(Money amount) {
            return money.format(amount.amount());
        }

        String money(BigDecimal amount) {
            return money.format(amount);
        }

        String number(BigDecimal value) {
            NumberFormat f = NumberFormat.getNumberInstance(locale);
            f.setMaximumFractionDigits(4);
            return f.format(value);
        }
    }
}

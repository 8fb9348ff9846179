package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.OpportunityUpdates;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.model.AccountSnapshot;
import org.openchance.api.model.ContactSnapshot;
import org.openchance.api.model.OpportunitySnapshot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * With the plugin setting {@code demo-data=true} (the demo generator sets it) and an empty catalogue, the first start
 * makes a product catalogue, a EUR price list, and quotes on some open demo deals (drafts and sent ones), one
 * accepted quote on a won deal and turned-down ones on three lost deals, in the background. Reads as the system.
 */
@Component(service = DemoQuotes.class, immediate = true)
public class DemoQuotes {

    private static final System.Logger LOG = System.getLogger(DemoQuotes.class.getName());

    /** sku, name, unit, tax rate, price in EUR, description. */
    private static final String[][] PRODUCTS = {
        {"SK-15", "Schraubenverdichter SK 15, 11 kW", "piece", "19", "9800", "Öleingespritzt, drehzahlgeregelt"},
        {"SK-25", "Schraubenverdichter SK 25, 18,5 kW", "piece", "19", "14500", "Öleingespritzt, drehzahlgeregelt"},
        {"KT-120", "Kältetrockner KT 120", "piece", "19", "3200", "Drucktaupunkt +3 °C, 12 m³/min"},
        {"DB-500", "Druckluftbehälter 500 l", "piece", "19", "1150", "Verzinkt, 11 bar"},
        {"WRG-30", "Wärmerückgewinnung WRG 30", "piece", "19", "2750", "Bis 72 % der Antriebsleistung als Wärme"},
        {"LT-DN40", "Druckluftleitung DN 40", "m", "19", "38.50", "Aluminium, inklusive Verbinder"},
        {"MON-T", "Montage (Techniker)", "hour", "19", "95", null},
        {"IBN", "Inbetriebnahme und Einweisung", "day", "19", "980", null},
        {"WV-P", "Wartungsvertrag Premium", "licence/month", "19", "189", "Zwei Wartungen im Jahr, 24-h-Service"},
        {"HB-DE", "Betriebshandbuch (gedruckt)", "piece", "7", "49", null},
    };

    private final CatalogueStore catalogue;
    private final QuoteStore quotes;
    private final OpportunityReader reader;
    private final OpportunityUpdates updates;
    private final PluginSettings settings;
    private final QuoteDocuments documents;
    private final Thread worker;

    @Activate
    public DemoQuotes(
            @Reference CatalogueStore catalogue,
            @Reference QuoteStore quotes,
            @Reference OpportunityReader reader,
            @Reference OpportunityUpdates updates,
            @Reference PluginSettings settings,
            @Reference Renderers renderers) {
        this.catalogue = catalogue;
        this.quotes = quotes;
        this.reader = reader;
        this.updates = updates;
        this.settings = settings;
        this.documents = new QuoteDocuments(settings, reader, renderers);
        this.worker = new Thread(this::run, "quotes-demo-data");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void stop() {
        worker.interrupt();
    }

    private void run() {
        try {
            if (!settings.getBoolean("demo-data", false) || catalogue.countProducts(null, null) > 0) {
                return;
            }
            int made = make();
            LOG.log(
                    System.Logger.Level.INFO,
                    "Quotes: demo catalogue of {0} products and {1} quotes",
                    PRODUCTS.length,
                    made);
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.log(System.Logger.Level.WARNING, "Quotes: the demo data could not be made", e);
            }
        }
    }

    private int make() throws Exception {
        List<Product> products = new ArrayList<>();
        PriceList list = catalogue.createPriceList(new PriceList(
                UUID.randomUUID(), "Standard EUR " + LocalDate.now().getYear(), "EUR", null, null, null, 1, null));
        for (String[] p : PRODUCTS) {
            Product product = catalogue.createProduct(
                    new Product(UUID.randomUUID(), p[0], p[1], p[5], p[2], new BigDecimal(p[3]), true, 1, null, null));
            products.add(product);
            catalogue.setPrice(list.id(), product.id(), BigDecimal.ONE, new BigDecimal(p[4]));
        }
        // a quantity break: piping is cheaper by the hundred metres
        catalogue.setPrice(list.id(), products.get(5).id(), new BigDecimal("100"), new BigDecimal("34.90"));

        int made = 0;
        List<OpportunitySnapshot> open =
                reader.opportunities("OPEN", null, 40, null).items();
        for (OpportunitySnapshot deal : open) {
            if (made == 8) {
                break;
            }
            if (deal.amount() == null || !"EUR".equals(deal.amount().currency())) {
                continue;
            }
            Quote q = quotes.create(
                    draft(deal, list.id()),
                    lines(products, made),
                    LocalDate.now().getYear());
            if (made % 3 != 2) { // two of three are sent, the others stay drafts
                Quote sent = quotes.send(
                        q.id(), q.version(), LocalDate.now(), (quote, lines) -> documents.render(quote, lines, false));
                QuoteSchema.reportDiscount(updates, sent, quotes.lines(sent.id()));
            }
            made++;
        }
        for (OpportunitySnapshot won :
                reader.opportunities("WON", null, 40, null).items()) {
            if (won.amount() == null || !"EUR".equals(won.amount().currency())) {
                continue;
            }
            // the accepted quote of a won deal says what the deal's amount says
            QuoteLine project = new QuoteLine(
                    UUID.randomUUID(),
                    null,
                    1,
                    null,
                    null,
                    "Projektpaket " + won.name(),
                    "Lieferung, Montage und Inbetriebnahme laut Leistungsverzeichnis",
                    BigDecimal.ONE,
                    "piece",
                    won.amount().amount().setScale(2, RoundingMode.HALF_UP),
                    BigDecimal.ZERO,
                    new BigDecimal("19"),
                    false);
            Quote q = quotes.create(
                    draft(won, list.id()), List.of(project), LocalDate.now().getYear());
            Quote sent = quotes.send(
                    q.id(), q.version(), LocalDate.now(), (quote, lines) -> documents.render(quote, lines, false));
            Quote accepted = quotes.accept(sent.id(), sent.version(), LocalDate.now(), (a, lines) -> {});
            QuoteSchema.reportDiscount(updates, accepted, quotes.lines(accepted.id()));
            made++;
            break;
        }
        // lost deals whose last offer was turned down: win/loss analysis shows their discounts
        int rejected = 0;
        for (OpportunitySnapshot lost :
                reader.opportunities("LOST", null, 40, null).items()) {
            if (rejected == 3) {
                break;
            }
            if (lost.amount() == null || !"EUR".equals(lost.amount().currency())) {
                continue;
            }
            Quote q = quotes.create(
                    draft(lost, list.id()),
                    lines(products, 2 * rejected + 1), // odd ones: a line with a discount
                    LocalDate.now().getYear());
            Quote sent = quotes.send(
                    q.id(), q.version(), LocalDate.now(), (quote, lines) -> documents.render(quote, lines, false));
            Quote turnedDown = quotes.reject(sent.id(), sent.version(), "Went with another supplier", LocalDate.now());
            QuoteSchema.reportDiscount(updates, turnedDown, quotes.lines(turnedDown.id()));
            rejected++;
            made++;
        }
        return made;
    }

    private Quote draft(OpportunitySnapshot deal, UUID priceList) {
        AccountSnapshot account = reader.account(deal.accountId()).orElse(null);
        List<ContactSnapshot> contacts = reader.contacts(deal.id());
        ContactSnapshot contact = contacts.isEmpty() ? null : contacts.get(0);
        String language = QuoteDocuments.languageFor(account == null ? null : account.country());
        String name = account == null ? deal.accountName() : account.name();
        String address = account != null && account.country() != null ? name + "\n" + account.country() : name;
        return new Quote(
                UUID.randomUUID(),
                null,
                1,
                deal.id(),
                deal.accountId(),
                contact == null ? null : contact.id(),
                deal.ownerId(),
                priceList,
                "EUR",
                Quote.DRAFT,
                LocalDate.now().plusDays(30),
                language,
                address,
                contact == null ? null : contact.fullName(),
                deal.name(),
                null,
                null,
                BigDecimal.ZERO,
                StandardPdfRenderer.ID,
                null,
                null,
                null,
                null,
                1,
                null,
                null);
    }

    /** A compressor, its dryer and tank, some piping, the work: varied by the quote's index. */
    private static List<QuoteLine> lines(List<Product> products, int i) {
        List<QuoteLine> lines = new ArrayList<>();
        int[] picks = {i % 2, 2, 3, 5, 6, 7};
        String[] quantities = {"1", "1", "1", String.valueOf(40 + 30 * i), String.valueOf(8 + 4 * i), "1"};
        for (int k = 0; k < picks.length; k++) {
            Product p = products.get(picks[k]);
            BigDecimal quantity = new BigDecimal(quantities[k]);
            String price = picks[k] == 5 && quantity.compareTo(new BigDecimal("100")) >= 0
                    ? "34.90" // the list's break from 100 m
                    : PRODUCTS[picks[k]][4];
            lines.add(new QuoteLine(
                    UUID.randomUUID(),
                    null,
                    k + 1,
                    p.id(),
                    p.sku(),
                    p.name(),
                    p.description(),
                    quantity,
                    p.unit(),
                    new BigDecimal(price),
                    k == 0 && i % 2 == 1 ? new BigDecimal("5") : BigDecimal.ZERO,
                    p.taxRate(),
                    false));
        }
        Product service = products.get(8);
        lines.add(new QuoteLine(
                UUID.randomUUID(),
                null,
                lines.size() + 1,
                service.id(),
                service.sku(),
                service.name(),
                service.description(),
                new BigDecimal("12"),
                service.unit(),
                new BigDecimal(PRODUCTS[8][4]),
                BigDecimal.ZERO,
                service.taxRate(),
                true));
        return lines;
    }
}

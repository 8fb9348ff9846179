package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The quotes plugin as it ships: the built bundle dropped into a running server. A catalogue with a quantity break,
 * a quote of five lines whose totals are worked out by hand (the same numbers as the plugin's TotalsTest), sending
 * (frozen, PDF stored and read back, activity logged), revising, accepting (the deal's amount and close follow),
 * concurrent numbering, expiry by the scheduler, and bad input that writes nothing.
 */
@ServerTest(properties = {"openchance.events.poll-interval=100ms", "openchance.reminders.poll-interval=1h"})
class QuotesIT {

    static final Path PLUGINS = PluginBundles.temporaryFolder("openchance-quote-plugins-");
    static final String SCHEMA = "plugin_org_openchance_plugins_quotes";

    static final String QUOTE = "quote { id number revision status currency language contactName validUntil"
            + " lines { id position product { sku } sku name description quantity unit unitPrice { amount }"
            + " discountPercent taxRate optional netAmount { amount } }"
            + " subtotal { amount } discountPercent discountAmount { amount } netTotal { amount }"
            + " taxes { rate base { amount } amount { amount } } total { amount currency } optionalTotal { amount }"
            + " pdfUrl version }";
    static final String ERRORS = " errors { code field message } } }";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("openchance.plugins.dir", PLUGINS::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;

    @BeforeEach
    void setUp() throws Exception {
        api = new GraphQlClient(port);
        if (!Files.exists(PLUGINS.resolve("quotes.jar"))) {
            PluginBundles.drop(
                    PLUGINS, PluginBundles.jarOf("org/openchance/plugins/quotes/QuoteSchema.class"), "quotes.jar");
        }
        // the catalogue and the quotes are two schema contributions: wait for both
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !api.execute("{ products { totalCount } quotes(first: 1) { edges { cursor } } }", Map.of())
                        .has("errors"));
    }

    @Test
    void aQuoteOfFiveLinesAddsUpAsWorkedOutByHandAndBadInputWritesNothing() {
        Catalogue c = catalogue("A");
        String deal = deal("Druckluftstation Halle 3", "10000", "EUR");
        JsonNode draft = create(Map.of("opportunityId", deal, "priceListId", c.eur));
        assertThat(draft.get("number").asString())
                .matches("Q-" + LocalDate.now().getYear() + "-\\d{5}");
        assertThat(draft.get("revision").asInt()).isEqualTo(1);
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("currency").asString()).isEqualTo("EUR");
        assertThat(draft.get("language").asString()).isEqualTo("de"); // the account is in Germany
        assertThat(draft.get("contactName").asString()).isEqualTo("Jörg Weiß"); // the primary contact
        assertThat(draft.get("validUntil").asString())
                .isEqualTo(LocalDate.now().plusDays(30).toString());
        String id = draft.get("id").asString();

        // 2 × 1,250.00 (list) less 10 %; 0.5 × 980.00 free text; 3 × 33.33 (list, 7 %) less 5 %;
        // 1 × 19.99 free text at 7 %; 12 m hose: the break from 10 m gives 0.10 instead of 0.15
        addLine(id, Map.of("productId", c.compressor, "quantity", "2", "discountPercent", "10"));
        addLine(id, Map.of("description", "Montage (halber Tag)", "quantity", "0.5", "unitPrice", "980.00"));
        addLine(id, Map.of("productId", c.filter, "quantity", "3", "discountPercent", "5"));
        addLine(id, Map.of("description", "Versandpauschale", "quantity", "1", "unitPrice", "19.99", "taxRate", "7"));
        JsonNode five = addLine(id, Map.of("productId", c.hose, "quantity", "12"));
        JsonNode lines = five.get("lines");
        assertThat(lines.size()).isEqualTo(5);
        assertThat(lines.get(0).at("/unitPrice/amount").asString()).isEqualTo("1250.0000");
        assertThat(lines.get(0).at("/product/sku").asString()).isEqualTo("KOMP-25-" + c.suffix);
        assertThat(lines.get(1).get("name").asString()).isEqualTo("Montage (halber Tag)");
        assertThat(lines.get(1).get("unit").asString()).isEqualTo("pc");
        assertThat(lines.get(2).get("taxRate").asString()).isEqualTo("7");
        assertThat(lines.get(4).at("/unitPrice/amount").asString()).isEqualTo("0.1000"); // quantity break
        assertThat(lines.get(4).get("unit").asString()).isEqualTo("m");

        JsonNode discounted = api.ok(
                        "mutation($input: UpdateQuoteInput!) { updateQuote(input: $input) { " + QUOTE + ERRORS,
                        "updateQuote",
                        Map.of("id", id, "expectedVersion", five.get("version").asInt(), "discountPercent", "3"))
                .get("quote");
        assertThat(amounts(discounted.get("lines"), "/netAmount/amount"))
                .containsExactly("2250.00", "490.00", "94.99", "19.99", "1.20");
        assertThat(discounted.at("/subtotal/amount").asString()).isEqualTo("2856.18");
        assertThat(discounted.at("/discountAmount/amount").asString()).isEqualTo("85.69");
        assertThat(discounted.at("/netTotal/amount").asString()).isEqualTo("2770.49");
        assertThat(discounted.get("taxes").findValuesAsString("rate")).containsExactly("7", "19");
        assertThat(amounts(discounted.get("taxes"), "/base/amount")).containsExactly("111.53", "2658.96");
        assertThat(amounts(discounted.get("taxes"), "/amount/amount")).containsExactly("7.81", "505.20");
        assertThat(discounted.at("/total/amount").asString()).isEqualTo("3283.50");
        int version = discounted.get("version").asInt();

        // bad input: a clear error on the field, and nothing written
        assertThat(lineErrors(id, version, Map.of("productId", c.compressor, "quantity", "-1")))
                .containsExactly("VALIDATION input.quantity");
        assertThat(lineErrors(
                        id, version, Map.of("productId", c.compressor, "quantity", "1", "discountPercent", "101")))
                .containsExactly("VALIDATION input.discountPercent");
        assertThat(lineErrors(id, version, Map.of("productId", c.dollarOnly, "quantity", "1")))
                .containsExactly("VALIDATION input.productId");
        assertThat(lineErrors(id, version, Map.of("quantity", "1"))).containsExactly("VALIDATION input.description");
        assertThat(lineErrors(id, version - 1, Map.of("productId", c.compressor, "quantity", "1")))
                .containsExactly("VERSION_CONFLICT input.expectedVersion");
        JsonNode unchanged = quote(id);
        assertThat(unchanged.get("version").asInt()).isEqualTo(version);
        assertThat(unchanged.get("lines").size()).isEqualTo(5);
        assertThat(unchanged.at("/total/amount").asString()).isEqualTo("3283.50");

        // a price list in another currency than the deal's is refused at creation
        JsonNode wrongList = api.errors(
                "mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id }" + ERRORS,
                "createQuote",
                "quote",
                Map.of("opportunityId", deal, "priceListId", c.usd));
        assertThat(wrongList.findValuesAsString("field")).containsExactly("input.priceListId");

        // lines move and close up: the last to the top, then the second removed
        String hose = lines.get(4).get("id").asString();
        JsonNode moved = api.ok(
                        "mutation($input: MoveQuoteLineInput!) { moveQuoteLine(input: $input) { " + QUOTE + ERRORS,
                        "moveQuoteLine",
                        Map.of("id", hose, "expectedVersion", version, "position", 1))
                .get("quote");
        assertThat(moved.get("lines").findValuesAsString("sku").get(0)).isEqualTo("SCHL-" + c.suffix);
        assertThat(moved.get("lines").findValuesAsString("position")).containsExactly("1", "2", "3", "4", "5");
        JsonNode removed = api.ok(
                        "mutation($input: RemoveQuoteLineInput!) { removeQuoteLine(input: $input) { " + QUOTE + ERRORS,
                        "removeQuoteLine",
                        Map.of("id", moved.get("lines").get(1).get("id").asString(), "expectedVersion", version + 1))
                .get("quote");
        assertThat(removed.get("lines").findValuesAsString("position")).containsExactly("1", "2", "3", "4");
        assertThat(removed.get("lines").get(1).get("name").asString()).isEqualTo("Montage (halber Tag)");

        // sent, its discount goes to the deal for win/loss analysis: the lines at their own prices come to
        // 1.20 + 490.00 + 99.99 + 19.99 = 611.18; less 5 % on the filters and 3 % on the quote, net 587.99;
        // 100 × (1 − 587.99 / 611.18) = 3.7943 %
        transition(
                "sendQuote", "QuoteTransitionInput", id, removed.get("version").asInt(), Map.of());
        String dealId = new String(java.util.Base64.getUrlDecoder().decode(deal)).substring("Opportunity:".length());
        assertThat(jdbc.queryForObject(
                        "select discount_percent from opportunity_discount where opportunity_id = ?::uuid"
                                + " order by set_at desc, id desc limit 1",
                        java.math.BigDecimal.class,
                        dealId))
                .isEqualByComparingTo("3.7943");
    }

    @Test
    void sendingFreezesTheQuoteAndStoresItsPdfRevisingAndAcceptingMoveTheDeal() throws Exception {
        Catalogue c = catalogue("B");
        String deal = deal("Kältetrockner Lager", "5000", "EUR");
        String id = create(Map.of(
                        "opportunityId",
                        deal,
                        "lines",
                        List.of(
                                Map.of("productId", c.compressor, "quantity", "1"),
                                Map.of("description", "Inbetriebnahme", "quantity", "1", "unitPrice", "450"))))
                .get("id")
                .asString();
        JsonNode sent = transition("sendQuote", "QuoteTransitionInput", id, 1, Map.of());
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        String number = sent.get("number").asString();

        // the timeline says so, with the number and revision
        JsonNode activities = api.data(
                        "query($id: ID!) { opportunity(id: $id) { activities(first: 10) { edges { node { type subject } } } } }",
                        Map.of("id", deal))
                .at("/opportunity/activities/edges");
        assertThat(activities.findValuesAsString("subject")).contains("Quote " + number + " rev 1 sent");
        assertThat(activities.findValuesAsString("type")).contains("MATERIAL");

        // frozen: a sent quote changes no more
        JsonNode frozen = api.errors(
                "mutation($input: AddQuoteLineInput!) { addQuoteLine(input: $input) { quote { id }" + ERRORS,
                "addQuoteLine",
                "quote",
                Map.of(
                        "quoteId",
                        id,
                        "expectedVersion",
                        sent.get("version").asInt(),
                        "description",
                        "x",
                        "quantity",
                        "1",
                        "unitPrice",
                        "1"));
        assertThat(frozen.findValuesAsString("code")).containsExactly("INVALID_TRANSITION");

        // the stored PDF: exactly this revision, read back
        HttpResponse<byte[]> pdf = get(sent.get("pdfUrl").asString(), api.token());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            // German amounts keep number and € together with a no-break space
            String text = new PDFTextStripper().getText(document).replaceAll("[\\s\\u00a0]+", " ");
            assertThat(text).contains("Angebot " + number, "Kompressor KOMP 25", "Inbetriebnahme", "Jörg Weiß");
            assertThat(text).contains("1.250,00 €", "450,00 €", "1.700,00 €", "2.023,00 €"); // 1,700 + 19 %
            assertThat(text).doesNotContain("ENTWURF");
        }
        assertThat(get(sent.get("pdfUrl").asString(), null).statusCode()).isEqualTo(401);
        // a partner not on the deal's team sees neither the quote nor its PDF; a colleague reads it but may not
        // change it
        GraphQlClient partner = api.fixtures()
                .signedIn(api.fixtures()
                        .aPartner("Paula Partner", "paula.quotes." + c.suffix + "@example.com", "Partner AG"));
        assertThat(partner.data("query($id: ID!) { quote(id: $id) { id } }", Map.of("id", id))
                        .get("quote")
                        .isNull())
                .isTrue();
        assertThat(get(sent.get("pdfUrl").asString(), partner.token()).statusCode())
                .isEqualTo(404);
        GraphQlClient colleague = api.fixtures()
                .signedIn(api.fixtures()
                        .anEmployee(
                                "Carl Kollege", "carl.quotes." + c.suffix + "@example.com", List.of("SALES"), null));
        assertThat(colleague
                        .data("query($id: ID!) { quote(id: $id) { number } }", Map.of("id", id))
                        .at("/quote/number")
                        .asString())
                .isEqualTo(number);
        JsonNode forbidden = colleague.errors(
                "mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) { quote { id }" + ERRORS,
                "acceptQuote",
                "quote",
                Map.of("id", id, "expectedVersion", sent.get("version").asInt()));
        assertThat(forbidden.findValuesAsString("code")).containsExactly("FORBIDDEN");

        // revise: the same number, revision 2 as a new draft with the lines; the old one superseded
        JsonNode revision = transition(
                "reviseQuote", "QuoteTransitionInput", id, sent.get("version").asInt(), Map.of());
        assertThat(revision.get("number").asString()).isEqualTo(number);
        assertThat(revision.get("revision").asInt()).isEqualTo(2);
        assertThat(revision.get("status").asString()).isEqualTo("DRAFT");
        assertThat(revision.get("lines").size()).isEqualTo(2);
        JsonNode old = quote(id);
        assertThat(old.get("status").asString()).isEqualTo("SUPERSEDED");
        HttpResponse<byte[]> preview = get(revision.get("pdfUrl").asString(), api.token());
        try (PDDocument document = Loader.loadPDF(preview.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("ENTWURF", "Revision 2");
        }
        JsonNode superseded = api.errors(
                "mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) { quote { id }" + ERRORS,
                "acceptQuote",
                "quote",
                Map.of("id", id, "expectedVersion", old.get("version").asInt()));
        assertThat(superseded.findValuesAsString("code")).containsExactly("INVALID_TRANSITION");

        String second = revision.get("id").asString();
        JsonNode sentAgain = transition(
                "sendQuote",
                "QuoteTransitionInput",
                second,
                revision.get("version").asInt(),
                Map.of());
        JsonNode accepted = transition(
                "acceptQuote",
                "AcceptQuoteInput",
                second,
                sentAgain.get("version").asInt(),
                Map.of("closeOpportunity", true));
        assertThat(accepted.get("status").asString()).isEqualTo("ACCEPTED");

        JsonNode opportunity = api.data(
                        "query($id: ID!) { opportunity(id: $id) { status amount { amount currency }"
                                + " syncedQuote { number revision } quotes { revision status }"
                                + " history(first: 50) { edges { node { field newValue } } } } }",
                        Map.of("id", deal))
                .get("opportunity");
        assertThat(opportunity.get("status").asString()).isEqualTo("WON");
        assertThat(opportunity.at("/amount/amount").asString()).isEqualTo("1700.00");
        assertThat(opportunity.at("/syncedQuote/revision").asInt()).isEqualTo(2);
        assertThat(opportunity.get("quotes").findValuesAsString("status")).containsExactly("ACCEPTED", "SUPERSEDED");
        assertThat(opportunity.at("/history/edges").findValuesAsString("newValue"))
                .anyMatch(v -> v.startsWith("1700"));

        // every step reached the event outbox (webhooks and plugins read from there)
        List<String> events = jdbc.queryForList(
                "select type from domain_event where aggregate_type = 'Quote' and aggregate_id in (?::uuid, ?::uuid)"
                        + " order by id",
                String.class,
                recordId(id),
                recordId(second));
        assertThat(events)
                .containsExactly("quote.created", "quote.sent", "quote.created", "quote.sent", "quote.accepted");
    }

    @Test
    void fiftyQuotesCreatedAtOnceGetFiftyConsecutiveNumbers() throws Exception {
        String deal = deal("Viele Angebote", "1000", "EUR");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> numbers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                numbers.add(pool.submit(() ->
                        create(Map.of("opportunityId", deal)).get("number").asString()));
            }
            List<Integer> sequence = new ArrayList<>();
            for (Future<String> n : numbers) {
                sequence.add(Integer.parseInt(n.get().substring(n.get().lastIndexOf('-') + 1)));
            }
            sequence.sort(Integer::compareTo);
            assertThat(sequence).doesNotHaveDuplicates().hasSize(50);
            assertThat(sequence.get(49) - sequence.get(0)).isEqualTo(49); // no gaps
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPartnersRendererMakesTheDocumentOfTheQuotesThatChooseItsTemplate() throws Exception {
        PluginBundles.drop(
                PLUGINS,
                PluginBundles.jarOf("org/openchance/plugins/testquoterenderer/PlainTextQuotes.class"),
                "test-quote-renderer.jar");
        String deal = deal("Eigenes Layout", "600", "EUR");
        Map<String, Object> input = Map.of(
                "opportunityId",
                deal,
                "template",
                "plain-text",
                "lines",
                List.of(Map.of("description", "Leckageortung", "quantity", "6", "unitPrice", "100")));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.data(
                        "mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id }" + ERRORS,
                        Map.of("input", input))
                .at("/createQuote/errors")
                .isEmpty());
        JsonNode draft = create(input);
        JsonNode sent =
                transition("sendQuote", "QuoteTransitionInput", draft.get("id").asString(), 1, Map.of());
        HttpResponse<byte[]> document = get(sent.get("pdfUrl").asString(), api.token());
        assertThat(document.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(new String(document.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains(
                        "Quote " + sent.get("number").asString() + " revision 1",
                        "1. Leckageortung: 600.00",
                        "Total: 714.00 EUR");
        // a template nobody provides is refused
        JsonNode unknown = api.errors(
                "mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id }" + ERRORS,
                "createQuote",
                "quote",
                Map.of("opportunityId", deal, "template", "fancy"));
        assertThat(unknown.findValuesAsString("field")).containsExactly("input.template");
    }

    @Test
    void theSchedulerExpiresASentQuoteOnceItsDayHasPassed() {
        api.ok(
                "mutation($input: ConfigurePluginInput!) { configurePlugin(input: $input) { plugin { id }"
                        + " errors { code field message } } }",
                "configurePlugin",
                Map.of(
                        "id",
                        "org.openchance.plugins.quotes",
                        "settings",
                        List.of(Map.of("key", "expiry-check-seconds", "value", "1"))));
        String deal = deal("Abgelaufen", "800", "EUR");
        JsonNode draft = create(Map.of(
                "opportunityId",
                deal,
                "validUntil",
                LocalDate.now().toString(),
                "lines",
                List.of(Map.of("description", "Beratung", "quantity", "8", "unitPrice", "100"))));
        String id = draft.get("id").asString();
        JsonNode sent = transition("sendQuote", "QuoteTransitionInput", id, 1, Map.of());
        // the day passes: what the calendar would do overnight
        jdbc.update("update " + SCHEMA + ".quote set valid_until = current_date - 1 where id = ?::uuid", recordId(id));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "EXPIRED".equals(quote(id).get("status").asString()));
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event where type = 'quote.expired' and aggregate_id = ?::uuid",
                        Integer.class,
                        recordId(id)))
                .isEqualTo(1);
        JsonNode late = api.errors(
                "mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) { quote { id }" + ERRORS,
                "acceptQuote",
                "quote",
                Map.of("id", id, "expectedVersion", quote(id).get("version").asInt()));
        assertThat(late.findValuesAsString("code")).containsExactly("INVALID_TRANSITION");
        assertThat(api.data("query($id: ID!) { opportunity(id: $id) { amount { amount } } }", Map.of("id", deal))
                        .at("/opportunity/amount/amount")
                        .asString())
                .isEqualTo("800.00"); // untouched
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        // its revision starts a new validity: a quote is never sent already expired
        JsonNode revision = transition(
                "reviseQuote",
                "QuoteTransitionInput",
                id,
                quote(id).get("version").asInt(),
                Map.of());
        assertThat(revision.get("validUntil").asString())
                .isEqualTo(LocalDate.now().plusDays(30).toString());
    }

    @Test
    void aCatalogueFileIsImportedWholeOrNotAtAllWithEveryBadRowNamed() {
        String list = priceList("Import-Liste", "EUR");
        String doc = "mutation($input: ImportCatalogueInput!) { importCatalogue(input: $input) { productsCreated"
                + " productsUpdated pricesSet rows problems { line column message }" + ERRORS;
        int before = api.data("{ products { totalCount } }", Map.of())
                .at("/products/totalCount")
                .asInt();
        String bad = """
                sku;name;unit;taxRate;price;minQuantity
                IMP-1;Kältetrockner KT 60;piece;19;2100,00;
                IMP-2;Filter;piece;190;12,50;
                IMP-3;Leitung;m;19;38,50;1
                IMP-3;Leitung;m;19;34,90;100
                IMP-4;;hour;19;95;
                """;
        JsonNode refused = api.data(doc, Map.of("input", Map.of("csv", bad, "priceListId", list)))
                .get("importCatalogue");
        assertThat(refused.get("problems").findValuesAsString("line")).containsExactly("3", "6");
        assertThat(refused.get("problems").findValuesAsString("column")).containsExactly("taxRate", "name");
        assertThat(refused.get("errors").findValuesAsString("code")).containsExactly("VALIDATION");
        assertThat(refused.get("productsCreated").asInt()).isZero();
        assertThat(api.data("{ products { totalCount } }", Map.of())
                        .at("/products/totalCount")
                        .asInt())
                .isEqualTo(before); // nothing half-imported

        String good = bad.replace("Filter;piece;190", "Filter;piece;19").replace("IMP-4;;hour", "IMP-4;Montage;hour");
        JsonNode done = api.data(doc, Map.of("input", Map.of("csv", good, "priceListId", list)))
                .get("importCatalogue");
        assertThat(done.get("errors").size()).isZero();
        assertThat(done.get("productsCreated").asInt()).isEqualTo(4);
        assertThat(done.get("pricesSet").asInt()).isEqualTo(5);
        JsonNode again = api.data(doc, Map.of("input", Map.of("csv", good, "priceListId", list)))
                .get("importCatalogue");
        assertThat(again.get("productsUpdated").asInt()).isEqualTo(4); // by SKU: updated, not doubled
        JsonNode prices = api.data(
                        "query($c: String) { priceLists(currency: $c) { name prices { product { sku } minQuantity"
                                + " unitPrice { amount } } } }",
                        Map.of("c", "EUR"))
                .get("priceLists");
        JsonNode imported = null;
        for (JsonNode l : prices) {
            if (l.get("name").asString().equals("Import-Liste")) {
                imported = l.get("prices");
            }
        }
        assertThat(imported).isNotNull();
        assertThat(imported.findValuesAsString("sku")).containsExactly("IMP-1", "IMP-2", "IMP-3", "IMP-3", "IMP-4");
        assertThat(imported.findValuesAsString("minQuantity")).containsExactly("1", "1", "1", "100", "1");
    }

    // --- helpers ---

    record Catalogue(
            String suffix, String compressor, String filter, String hose, String dollarOnly, String eur, String usd) {}

    /** Products (SKUs made unique by the suffix), a EUR list with a quantity break, a USD list. */
    private Catalogue catalogue(String suffix) {
        String compressor = product("KOMP-25-" + suffix, "Kompressor KOMP 25", "piece", "19");
        JsonNode duplicate = api.errors(
                "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id }" + ERRORS,
                "createProduct",
                "product",
                Map.of("sku", "komp-25-" + suffix.toLowerCase(), "name", "x", "unit", "piece", "taxRate", "19"));
        assertThat(duplicate.findValuesAsString("field")).containsExactly("input.sku");
        String filter = product("FLT-" + suffix, "Ansaugfilter", "piece", "7");
        String hose = product("SCHL-" + suffix, "Druckluftschlauch", "m", "19");
        String dollarOnly = product("USD-" + suffix, "Import-Ventil", "piece", "19");
        String eur = priceList("Standard " + suffix, "EUR");
        String usd = priceList("Export " + suffix, "USD");
        price(eur, compressor, "1", "1250");
        price(eur, filter, "1", "33.33");
        price(eur, hose, "1", "0.15");
        price(eur, hose, "10", "0.10");
        price(usd, dollarOnly, "1", "99");
        return new Catalogue(suffix, compressor, filter, hose, dollarOnly, eur, usd);
    }

    private String product(String sku, String name, String unit, String taxRate) {
        return api.ok(
                        "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id }"
                                + ERRORS,
                        "createProduct",
                        Map.of("sku", sku, "name", name, "unit", unit, "taxRate", taxRate))
                .at("/product/id")
                .asString();
    }

    private String priceList(String name, String currency) {
        return api.ok(
                        "mutation($input: CreatePriceListInput!) { createPriceList(input: $input) { priceList { id }"
                                + ERRORS,
                        "createPriceList",
                        Map.of("name", name, "currency", currency))
                .at("/priceList/id")
                .asString();
    }

    private void price(String list, String product, String from, String price) {
        api.ok(
                "mutation($input: SetPriceInput!) { setPrice(input: $input) { priceList { id }" + ERRORS,
                "setPrice",
                Map.of("priceListId", list, "productId", product, "minQuantity", from, "unitPrice", price));
    }

    /** A deal of a German account with Jörg Weiß as its primary contact. */
    private String deal(String name, String amount, String currency) {
        String account = api.fixtures().anAccount(name + " GmbH", Map.of("country", "Germany"));
        String deal = api.fixtures()
                .anOpportunity(account, name, Map.of("amount", Map.of("amount", amount, "currency", currency)));
        String contact = api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id }"
                                + ERRORS,
                        "createContact",
                        Map.of(
                                "accountId",
                                account,
                                "firstName",
                                "Jörg",
                                "lastName",
                                "Weiß",
                                "email",
                                "joerg.weiss@example.com"))
                .at("/contact/id")
                .asString();
        api.ok(
                "mutation($input: AddOpportunityContactInput!) { addOpportunityContact(input: $input) {"
                        + " opportunity { id }" + ERRORS,
                "addOpportunityContact",
                Map.of("opportunityId", deal, "contactId", contact, "role", "Primary contact"));
        return deal;
    }

    private JsonNode create(Map<String, ?> input) {
        return api.ok(
                        "mutation($input: CreateQuoteInput!) { createQuote(input: $input) { " + QUOTE + ERRORS,
                        "createQuote",
                        input)
                .get("quote");
    }

    private JsonNode addLine(String quote, Map<String, ?> line) {
        Map<String, Object> input = new HashMap<>(line);
        input.put("quoteId", quote);
        input.put("expectedVersion", quote(quote).get("version").asInt());
        return api.ok(
                        "mutation($input: AddQuoteLineInput!) { addQuoteLine(input: $input) { " + QUOTE + ERRORS,
                        "addQuoteLine",
                        input)
                .get("quote");
    }

    private List<String> lineErrors(String quote, int version, Map<String, ?> line) {
        Map<String, Object> input = new HashMap<>(line);
        input.put("quoteId", quote);
        input.put("expectedVersion", version);
        JsonNode errors = api.errors(
                "mutation($input: AddQuoteLineInput!) { addQuoteLine(input: $input) { quote { id }" + ERRORS,
                "addQuoteLine",
                "quote",
                input);
        List<String> found = new ArrayList<>();
        errors.forEach(
                e -> found.add(e.get("code").asString() + " " + e.get("field").asString()));
        return found;
    }

    private JsonNode transition(String mutation, String inputType, String id, int version, Map<String, ?> more) {
        Map<String, Object> input = new HashMap<>(more);
        input.put("id", id);
        input.put("expectedVersion", version);
        return api.ok(
                        "mutation($input: " + inputType + "!) { " + mutation + "(input: $input) { " + QUOTE + ERRORS,
                        mutation,
                        input)
                .get("quote");
    }

    private JsonNode quote(String id) {
        return api.data("query($id: ID!) { " + QUOTE.replace("quote {", "quote(id: $id) {") + " }", Map.of("id", id))
                .get("quote");
    }

    private static List<String> amounts(JsonNode list, String pointer) {
        List<String> values = new ArrayList<>();
        list.forEach(n -> values.add(n.at(pointer).asString()));
        return values;
    }

    /** The record id inside a Quote's API id (what the plugin's tables and the outbox hold). */
    private static String recordId(String apiId) {
        String raw =
                new String(java.util.Base64.getUrlDecoder().decode(apiId), java.nio.charset.StandardCharsets.UTF_8);
        return raw.substring(raw.indexOf(':') + 1);
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

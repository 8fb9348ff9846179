package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.api.host.ActivityLog;
import org.openchance.api.host.EventPublisher;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.OpportunityUpdates;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.host.RecordAccess;
import org.openchance.api.model.AccountSnapshot;
import org.openchance.api.model.ContactSnapshot;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.plugins.quotes.Database.Refused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Quotes in the API: made from an opportunity ({@code createQuote}), edited line by line while a draft, sent (frozen,
 * its PDF stored, a MATERIAL activity on the deal), revised, accepted (the deal's amount follows, optionally closed
 * won) or rejected; {@code quote}, {@code quotes}, {@code Opportunity.quotes}, {@code Opportunity.syncedQuote}. What
 * the user may do with a quote is what they may do with its deal.
 */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=quotes")
public class QuoteSchema implements SchemaContribution {

    static final String TYPE = "Quote";
    private static final System.Logger LOG = System.getLogger(QuoteSchema.class.getName());
    private static final int LONG_TEXT = 20_000;
    private static final Set<String> STATUSES =
            Set.of(Quote.DRAFT, Quote.SENT, Quote.ACCEPTED, Quote.REJECTED, Quote.EXPIRED, Quote.SUPERSEDED);

    private final QuoteStore quotes;
    private final CatalogueStore catalogue;
    private final OpportunityReader reader;
    private final OpportunityUpdates updates;
    private final ActivityLog activities;
    private final EventPublisher events;
    private final PluginSettings settings;
    private final Renderers renderers;
    private final QuoteDocuments documents;

    @Activate
    public QuoteSchema(
            @Reference QuoteStore quotes,
            @Reference CatalogueStore catalogue,
            @Reference OpportunityReader reader,
            @Reference OpportunityUpdates updates,
            @Reference ActivityLog activities,
            @Reference EventPublisher events,
            @Reference PluginSettings settings,
            @Reference Renderers renderers) {
        this.quotes = quotes;
        this.catalogue = catalogue;
        this.reader = reader;
        this.updates = updates;
        this.activities = activities;
        this.events = events;
        this.settings = settings;
        this.renderers = renderers;
        this.documents = new QuoteDocuments(settings, reader, renderers);
    }

    @Override
    public String sdl() {
        return QuoteSdl.SDL;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        Map<String, FieldResolver> mutations = new LinkedHashMap<>();
        mutations.put("createQuote", this::create);
        mutations.put("updateQuote", this::update);
        mutations.put("addQuoteLine", this::addLine);
        mutations.put("updateQuoteLine", this::updateLine);
        mutations.put("removeQuoteLine", this::removeLine);
        mutations.put("moveQuoteLine", this::moveLine);
        mutations.put("sendQuote", this::send);
        mutations.put("reviseQuote", this::revise);
        mutations.put("acceptQuote", this::accept);
        mutations.put("rejectQuote", this::reject);
        return Map.of(
                "Query",
                Map.of("quote", this::quote, "quotes", this::quotes),
                "Mutation",
                mutations,
                "Opportunity",
                Map.of("quotes", this::quotesOfDeal, "syncedQuote", this::syncedQuote),
                TYPE,
                Map.of("lines", this::lines));
    }

    @Override
    public Map<String, FieldResolver> nodes() {
        return Map.of(TYPE, ctx -> visible((UUID) ctx.arguments().get("id"))
                .map(q -> view(ctx, q))
                .orElse(null));
    }

    // --- reads ---

    /** The quote, if the user may see its deal. */
    private Optional<Quote> visible(UUID id) throws SQLException {
        Optional<Quote> q = quotes.find(id);
        return q.filter(found -> reader.access(found.opportunityId()) != RecordAccess.NONE);
    }

    private Object quote(FieldContext ctx) throws SQLException {
        Optional<UUID> id = ctx.recordId((String) ctx.arguments().get("id"), TYPE);
        return id.isEmpty() ? null : visible(id.get()).map(q -> view(ctx, q)).orElse(null);
    }

    /**
     * Quotes newest first. With an opportunity: its quotes, if the user may see it. Without: every quote of the deals
     * the user may see; a page then reads at most 2,000 quotes, so it may hold fewer than asked (even none) while
     * hasNextPage says there are more; its endCursor then goes on after the last quote read.
     */
    private Object quotes(FieldContext ctx) throws SQLException {
        Map<String, Object> args = ctx.arguments();
        @SuppressWarnings("unchecked")
        Map<String, Object> filter = args.get("filter") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
        Set<String> statuses = filter.get("status") instanceof List<?> list && !list.isEmpty()
                ? new LinkedHashSet<>(list.stream().map(Object::toString).toList())
                : null;
        int first = args.get("first") instanceof Integer n ? Math.max(1, Math.min(n, 100)) : 20;
        String[] after = args.get("after") instanceof String cursor ? decode(cursor) : null;
        List<Quote> page = new ArrayList<>();
        boolean hasNext = false;
        String scannedTo = null; // the cursor after the last quote read, when the scan stopped before the page filled
        if (filter.get("opportunityId") instanceof String deal) {
            Optional<UUID> id = ctx.recordId(deal, "Opportunity");
            List<Quote> all = id.isEmpty() ? List.of() : quotes.ofOpportunity(id.get());
            for (Quote q : all) {
                if ((statuses == null || statuses.contains(q.status())) && isAfter(q, after)) {
                    if (page.size() == first) {
                        hasNext = true;
                        break;
                    }
                    page.add(q);
                }
            }
        } else {
            Map<UUID, Boolean> seen = new HashMap<>();
            String afterNumber = after == null ? null : after[0];
            int afterRevision = after == null ? 0 : Integer.parseInt(after[1]);
            int read = 0;
            scan:
            while (read < 2_000) {
                List<Quote> batch = quotes.page(statuses, afterNumber, afterRevision, 200);
                for (Quote q : batch) {
                    if (seen.computeIfAbsent(q.opportunityId(), d -> reader.access(d) != RecordAccess.NONE)) {
                        if (page.size() == first) {
                            hasNext = true;
                            break scan;
                        }
                        page.add(q);
                    }
                    read++;
                    afterNumber = q.number();
                    afterRevision = q.revision();
                }
                if (batch.size() < 200) {
                    break;
                }
                if (read >= 2_000) { // read enough for one request: the next page goes on from the last quote read
                    hasNext = true;
                    scannedTo = encode(afterNumber, afterRevision);
                }
            }
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Map<String, Object> view : views(ctx, page)) {
            edges.add(Map.of("cursor", view.get("__cursor"), "node", view));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", after != null);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
        pageInfo.put(
                "endCursor",
                scannedTo != null
                        ? scannedTo
                        : edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        return Map.of("edges", edges, "pageInfo", pageInfo);
    }

    private static boolean isAfter(Quote q, String[] after) {
        if (after == null) {
            return true;
        }
        int byNumber = q.number().compareTo(after[0]);
        return byNumber < 0 || (byNumber == 0 && q.revision() < Integer.parseInt(after[1]));
    }

    private Object quotesOfDeal(FieldContext ctx) throws SQLException {
        Optional<UUID> deal = ctx.sourceRecordId();
        return deal.isEmpty() ? List.of() : views(ctx, quotes.ofOpportunity(deal.get()));
    }

    private Object syncedQuote(FieldContext ctx) throws SQLException {
        Optional<UUID> deal = ctx.sourceRecordId();
        return deal.isEmpty()
                ? null
                : quotes.acceptedOf(deal.get()).map(q -> view(ctx, q)).orElse(null);
    }

    private Object lines(FieldContext ctx) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) ((Map<?, ?>) ctx.source()).get("__lines");
        return lines;
    }

    // --- creation ---

    private Object create(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<UUID> dealId = ctx.recordId(in.id("opportunityId"), "Opportunity");
        Map<String, Object> denied = requireEdit(dealId, "input.opportunityId");
        if (denied != null) {
            return denied;
        }
        OpportunitySnapshot deal = reader.opportunity(dealId.get()).orElseThrow();
        if (!"OPEN".equals(deal.status())) {
            return Input.payload(
                    "quote",
                    null,
                    List.of(Input.error(
                            "INVALID_TRANSITION",
                            "the opportunity is " + deal.status() + ": quotes are made for open deals",
                            "input.opportunityId")));
        }
        AccountSnapshot account = reader.account(deal.accountId()).orElse(null);
        String currency = deal.amount() != null ? deal.amount().currency() : reader.reportingCurrency();
        LocalDate today = LocalDate.now();

        PriceList priceList = null;
        if (in.has("priceListId")) {
            priceList = ctx.recordId(in.id("priceListId"), CatalogueSchema.PRICE_LIST)
                    .flatMap(this::priceList)
                    .orElse(null);
            if (priceList == null) {
                in.fail("NOT_FOUND", "priceListId", "no such price list");
            } else if (!priceList.currency().equals(currency)) {
                in.fail(
                        "VALIDATION",
                        "priceListId",
                        "the list is in " + priceList.currency() + "; the opportunity is in " + currency);
            } else if (!priceList.validOn(today)) {
                in.fail("VALIDATION", "priceListId", "the list is not valid today");
            }
        } else {
            priceList = catalogue
                    .defaultPriceList(deal.accountId(), currency, today)
                    .orElse(null);
        }
        List<ContactSnapshot> contacts = reader.contacts(deal.id());
        ContactSnapshot contact = null;
        if (in.has("contactId")) {
            Optional<UUID> contactId = ctx.recordId(in.id("contactId"), "Contact");
            contact = contacts.stream()
                    .filter(c -> contactId.isPresent() && c.id().equals(contactId.get()))
                    .findFirst()
                    .orElse(null);
            if (contact == null) {
                in.fail("VALIDATION", "contactId", "not a contact of the opportunity");
            }
        } else if (!contacts.isEmpty()) {
            contact = contacts.get(0);
        }
        LocalDate validUntil =
                in.has("validUntil") ? in.date("validUntil") : today.plusDays(settings.getInt("valid-days", 30));
        if (validUntil != null && validUntil.isBefore(today)) {
            in.fail("VALIDATION", "validUntil", "must not be in the past");
        }
        String language = in.has("language")
                ? language(in)
                : QuoteDocuments.languageFor(account == null ? null : account.country());
        String address = in.text("customerAddress", false, 1_000);
        if (address == null) {
            String name = account != null ? account.name() : deal.accountName();
            address = account != null && account.country() != null ? name + "\n" + account.country() : name;
        }
        String template = in.has("template") ? in.text("template", true, 100) : StandardPdfRenderer.ID;
        if (template != null && renderers.get(template).isEmpty()) {
            in.fail("VALIDATION", "template", "no quote template " + template + "; present: " + renderers.ids());
        }
        BigDecimal discount = in.has("discountPercent") ? in.percent("discountPercent") : BigDecimal.ZERO;
        Quote draft = new Quote(
                UUID.randomUUID(),
                null,
                1,
                deal.id(),
                deal.accountId(),
                contact == null ? null : contact.id(),
                deal.ownerId(),
                priceList == null ? null : priceList.id(),
                currency,
                Quote.DRAFT,
                validUntil,
                language,
                address,
                contact == null ? null : contact.fullName(),
                in.has("subject") ? in.text("subject", false, 500) : deal.name(),
                in.text("introduction", false, LONG_TEXT),
                in.has("terms") ? in.text("terms", false, LONG_TEXT) : defaultTerms(language),
                discount == null ? BigDecimal.ZERO : discount,
                template,
                null,
                null,
                null,
                ctx.currentUserId().orElse(null),
                1,
                null,
                null);
        List<QuoteLine> lines = new ArrayList<>();
        if (in.raw("lines") instanceof List<?> given) {
            if (given.size() > 500) {
                in.fail("VALIDATION", "lines", "a quote has at most 500 lines");
            }
            for (int i = 0; i < given.size() && i < 500; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> line = given.get(i) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                Input lineInput = new Input(Map.of("input", line));
                QuoteLine l = lineFrom(ctx, lineInput, draft, null, i + 1);
                for (Map<String, Object> e : lineInput.errors()) {
                    in.fail(
                            (String) e.get("code"),
                            ((String) e.get("field")).replaceFirst("^input\\.", "lines." + i + "."),
                            (String) e.get("message"));
                }
                lines.add(l);
            }
        }
        if (!in.ok()) {
            return in.failed("quote");
        }
        try {
            Quote saved = quotes.create(draft, lines, today.getYear());
            publish(EventTypes.QUOTE_CREATED, ctx, saved);
            return saved(ctx, saved);
        } catch (Refused refused) {
            return Input.refused("quote", refused);
        }
    }

    private String defaultTerms(String language) {
        String terms = settings.get("terms." + language, "");
        if (!terms.isBlank()) {
            return terms;
        }
        return "de".equals(language)
                ? "Zahlbar innerhalb von 30 Tagen nach Rechnungsdatum ohne Abzug. Alle Preise zuzüglich der"
                        + " gesetzlichen Umsatzsteuer, soweit ausgewiesen."
                : "Payable within 30 days of the invoice date without deduction. Prices plus VAT where shown.";
    }

    private static String language(Input in) {
        String language = in.text("language", true, 2);
        if (language != null && !Set.of("de", "en").contains(language)) {
            in.fail("VALIDATION", "language", "must be de or en");
        }
        return language;
    }

    // --- changes of a draft ---

    private Object update(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<Quote> current = editable(ctx, in.id("id"));
        if (current.isEmpty()) {
            return Input.notFound("quote", "input.id", "no such quote");
        }
        Map<String, Object> denied = requireEdit(Optional.of(current.get().opportunityId()), "input.id");
        if (denied != null) {
            return denied;
        }
        Quote q = current.get();
        int version = in.expectedVersion();
        LocalDate validUntil = in.has("validUntil") ? in.date("validUntil") : q.validUntil();
        if (in.has("validUntil") && validUntil.isBefore(LocalDate.now())) {
            in.fail("VALIDATION", "validUntil", "must not be in the past");
        }
        UUID contactId = q.contactId();
        String contactName = q.contactName();
        if (in.given("contactId")) {
            contactId = null;
            contactName = null;
            if (in.has("contactId")) {
                Optional<UUID> wanted = ctx.recordId(in.id("contactId"), "Contact");
                Optional<ContactSnapshot> contact = reader.contacts(q.opportunityId()).stream()
                        .filter(c -> wanted.isPresent() && c.id().equals(wanted.get()))
                        .findFirst();
                if (contact.isEmpty()) {
                    in.fail("VALIDATION", "contactId", "not a contact of the opportunity");
                } else {
                    contactId = contact.get().id();
                    contactName = contact.get().fullName();
                }
            }
        }
        String template = in.has("template") ? in.text("template", true, 100) : q.template();
        if (template != null && renderers.get(template).isEmpty()) {
            in.fail("VALIDATION", "template", "no quote template " + template + "; present: " + renderers.ids());
        }
        BigDecimal discount = in.has("discountPercent") ? in.percent("discountPercent") : q.discountPercent();
        Quote changed = new Quote(
                q.id(),
                q.number(),
                q.revision(),
                q.opportunityId(),
                q.accountId(),
                contactId,
                q.ownerId(),
                q.priceListId(),
                q.currency(),
                q.status(),
                validUntil,
                in.has("language") ? language(in) : q.language(),
                in.given("customerAddress") ? in.text("customerAddress", false, 1_000) : q.customerAddress(),
                contactName,
                in.given("subject") ? in.text("subject", false, 500) : q.subject(),
                in.given("introduction") ? in.text("introduction", false, LONG_TEXT) : q.introduction(),
                in.given("terms") ? in.text("terms", false, LONG_TEXT) : q.terms(),
                discount,
                template,
                null,
                null,
                null,
                q.createdBy(),
                q.version(),
                null,
                null);
        if (!in.ok()) {
            return in.failed("quote");
        }
        try {
            return saved(ctx, quotes.updateDraft(changed, version));
        } catch (Refused refused) {
            return Input.refused("quote", refused);
        }
    }

    private Object addLine(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<Quote> q = editable(ctx, in.id("quoteId"));
        if (q.isEmpty()) {
            return Input.notFound("quote", "input.quoteId", "no such quote");
        }
        Map<String, Object> denied = requireEdit(Optional.of(q.get().opportunityId()), "input.quoteId");
        if (denied != null) {
            return denied;
        }
        int version = in.expectedVersion();
        Integer position = in.integer("position");
        QuoteLine line = lineFrom(ctx, in, q.get(), null, position == null ? 0 : position);
        if (!in.ok()) {
            return in.failed("quote");
        }
        try {
            return saved(ctx, quotes.addLine(q.get().id(), version, line));
        } catch (Refused refused) {
            return Input.refused("quote", refused);
        }
    }

    private Object updateLine(FieldContext ctx) throws SQLException {
        return changeLine(ctx, "update");
    }

    private Object removeLine(FieldContext ctx) throws SQLException {
        return changeLine(ctx, "remove");
    }

    private Object moveLine(FieldContext ctx) throws SQLException {
        return changeLine(ctx, "move");
    }

    private Object changeLine(FieldContext ctx, String how) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<QuoteLine> line = parseUuid(in.id("id")).flatMap(this::line);
        Optional<Quote> q =
                line.isEmpty() ? Optional.empty() : visibleQuote(line.get().quoteId());
        if (q.isEmpty()) {
            return Input.notFound("quote", "input.id", "no such quote line");
        }
        Map<String, Object> denied = requireEdit(Optional.of(q.get().opportunityId()), "input.id");
        if (denied != null) {
            return denied;
        }
        int version = in.expectedVersion();
        try {
            switch (how) {
                case "update" -> {
                    QuoteLine changed =
                            lineFrom(ctx, in, q.get(), line.get(), line.get().position());
                    if (!in.ok()) {
                        return in.failed("quote");
                    }
                    return saved(ctx, quotes.updateLine(changed, version));
                }
                case "move" -> {
                    Integer position = in.integer("position");
                    if (position == null) {
                        in.fail("VALIDATION", "position", "is required");
                    }
                    if (!in.ok()) {
                        return in.failed("quote");
                    }
                    return saved(ctx, quotes.moveLine(line.get(), position, version));
                }
                default -> {
                    if (!in.ok()) {
                        return in.failed("quote");
                    }
                    return saved(ctx, quotes.removeLine(line.get(), version));
                }
            }
        } catch (Refused refused) {
            return Input.refused("quote", refused);
        }
    }

    /**
     * A line from the input: a product's (its name, SKU, unit and tax rate; the price from the quote's list for the
     * quantity unless one is given) or free text. For a change, the fields not given stay; a new quantity of a line at
     * its list price takes the list's price for that quantity (quantity breaks), a negotiated price stays.
     */
    private QuoteLine lineFrom(FieldContext ctx, Input in, Quote q, QuoteLine current, int position)
            throws SQLException {
        boolean adding = current == null;
        Product product = null;
        if (adding && in.has("productId")) {
            product = ctx.recordId(in.id("productId"), CatalogueSchema.PRODUCT)
                    .flatMap(this::product)
                    .orElse(null);
            if (product == null) {
                in.fail("NOT_FOUND", "productId", "no such product");
            } else if (!product.active()) {
                in.fail("VALIDATION", "productId", "the product " + product.sku() + " is no longer offered");
            }
        }
        BigDecimal quantity = in.has("quantity")
                ? in.decimal(
                        "quantity",
                        BigDecimal.ZERO,
                        true,
                        new BigDecimal("1000000000"),
                        4,
                        "must be above 0 with at most 4 decimals")
                : (adding ? null : current.quantity());
        if (adding && !in.has("quantity")) {
            in.fail("VALIDATION", "quantity", "is required");
        }
        String description =
                adding || in.given("description") ? in.text("description", false, LONG_TEXT) : current.description();
        String name = in.has("name") ? in.text("name", true, 500) : (adding ? null : current.name());
        UUID productId = adding ? (product == null ? null : product.id()) : current.productId();
        if (adding) {
            if (product != null) {
                name = name != null ? name : product.name();
                description = in.given("description") ? description : product.description();
            } else if (name == null) {
                if (description == null) {
                    in.fail("VALIDATION", "description", "a line without a product needs a name or description");
                } else {
                    // a free-text line: its first line is its name
                    String[] parts = description.split("\\R", 2);
                    name = parts[0].length() > 500 ? parts[0].substring(0, 500) : parts[0];
                    description = parts.length > 1 ? parts[1].trim() : null;
                }
            }
        }
        BigDecimal unitPrice = in.has("unitPrice") ? in.amount("unitPrice") : null;
        if (unitPrice == null && !in.has("unitPrice")) {
            if (adding && productId != null && quantity != null) {
                unitPrice = listPrice(in, q, productId, quantity, true);
            } else if (adding && productId == null && in.ok()) {
                in.fail("VALIDATION", "unitPrice", "is required for a line without a product");
            } else if (!adding) {
                unitPrice = current.unitPrice();
                // a new quantity of a line at its list price takes the list's price for it (quantity breaks); a
                // negotiated price stays
                if (in.has("quantity") && productId != null && quantity != null && q.priceListId() != null) {
                    Optional<BigDecimal> before = catalogue.unitPrice(q.priceListId(), productId, current.quantity());
                    if (before.isPresent() && before.get().compareTo(current.unitPrice()) == 0) {
                        unitPrice = catalogue
                                .unitPrice(q.priceListId(), productId, quantity)
                                .orElse(unitPrice);
                    }
                }
            }
        }
        BigDecimal taxRate = in.has("taxRate")
                ? in.taxRate("taxRate")
                : adding ? (product != null ? product.taxRate() : defaultTaxRate()) : current.taxRate();
        BigDecimal discount = in.has("discountPercent")
                ? in.percent("discountPercent")
                : (adding ? BigDecimal.ZERO : current.discountPercent());
        String unit = in.has("unit")
                ? in.text("unit", true, 40)
                : adding ? (product != null ? product.unit() : settings.get("default-unit", "pc")) : current.unit();
        return new QuoteLine(
                adding ? UUID.randomUUID() : current.id(),
                q.id(),
                position,
                productId,
                adding ? (product == null ? null : product.sku()) : current.sku(),
                name,
                description,
                quantity,
                unit,
                unitPrice,
                discount == null ? BigDecimal.ZERO : discount,
                taxRate,
                in.has("optional") ? in.flag("optional", false) : !adding && current.optional());
    }

    /** The setting default-tax-rate (19 when unset or not a rate from 0 to 100). */
    private BigDecimal defaultTaxRate() {
        try {
            BigDecimal rate =
                    new BigDecimal(settings.get("default-tax-rate", "19").trim());
            return rate.signum() >= 0 && rate.compareTo(BigDecimal.valueOf(100)) <= 0 ? rate : BigDecimal.valueOf(19);
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(19);
        }
    }

    /** The list's price of a product for a quantity; a user error when the quote's list has none. */
    private BigDecimal listPrice(Input in, Quote q, UUID productId, BigDecimal quantity, boolean adding)
            throws SQLException {
        Optional<BigDecimal> price =
                q.priceListId() == null ? Optional.empty() : catalogue.unitPrice(q.priceListId(), productId, quantity);
        if (price.isPresent()) {
            return price.get();
        }
        if (!adding) {
            return null; // keeps the line's price
        }
        List<String> elsewhere = catalogue.currenciesPricing(productId);
        if (!elsewhere.isEmpty() && !elsewhere.contains(q.currency())) {
            in.fail(
                    "VALIDATION",
                    "productId",
                    "the product is priced in " + String.join(", ", elsewhere) + " only; the quote is in "
                            + q.currency() + ": give a unitPrice");
        } else {
            in.fail(
                    "VALIDATION",
                    "unitPrice",
                    q.priceListId() == null
                            ? "the quote has no price list: give a unitPrice"
                            : "the quote's price list has no price for the product: give a unitPrice");
        }
        return null;
    }

    // --- the life of a quote ---

    private Object send(FieldContext ctx) throws SQLException {
        return transition(ctx, (q, version, in) -> {
            requireOpenDeal(q);
            Quote sent = quotes.send(
                    q.id(), version, LocalDate.now(), (quote, lines) -> documents.render(sentNow(quote), lines, false));
            List<QuoteLine> lines = quotes.lines(sent.id());
            Totals totals = totals(sent, lines);
            reportDiscount(updates, sent, lines);
            try {
                activities.log(
                        sent.opportunityId(),
                        "MATERIAL",
                        "Quote " + sent.label() + " sent",
                        "Total " + totals.total().toPlainString() + " " + sent.currency() + " (net "
                                + totals.net().toPlainString() + "), valid until " + sent.validUntil() + ".");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the activity for " + sent.label() + " was not logged", e);
            }
            publish(EventTypes.QUOTE_SENT, ctx, sent);
            return sent;
        });
    }

    /** The quote as the document shows it once sent: dated today. */
    private static Quote sentNow(Quote q) {
        return new Quote(
                q.id(),
                q.number(),
                q.revision(),
                q.opportunityId(),
                q.accountId(),
                q.contactId(),
                q.ownerId(),
                q.priceListId(),
                q.currency(),
                Quote.SENT,
                q.validUntil(),
                q.language(),
                q.customerAddress(),
                q.contactName(),
                q.subject(),
                q.introduction(),
                q.terms(),
                q.discountPercent(),
                q.template(),
                q.rejectReason(),
                java.time.Instant.now(),
                q.decidedAt(),
                q.createdBy(),
                q.version(),
                q.createdAt(),
                q.updatedAt());
    }

    private Object revise(FieldContext ctx) throws SQLException {
        return transition(ctx, (q, version, in) -> {
            requireOpenDeal(q);
            Quote revision =
                    quotes.revise(q.id(), version, LocalDate.now().plusDays(settings.getInt("valid-days", 30)));
            publish(EventTypes.QUOTE_CREATED, ctx, revision);
            return revision;
        });
    }

    private Object accept(FieldContext ctx) throws SQLException {
        return transition(ctx, (q, version, in) -> {
            boolean close = in.flag("closeOpportunity", false);
            Quote accepted = quotes.accept(q.id(), version, LocalDate.now(), (quote, lines) -> {
                Totals totals = totals(quote, lines);
                try {
                    updates.setAgreedAmount(
                            quote.opportunityId(),
                            new Money(totals.net(), quote.currency()),
                            close,
                            "Quote " + quote.label() + " accepted");
                } catch (IllegalArgumentException e) {
                    throw hostRefusal(e);
                }
            });
            reportDiscount(updates, accepted, quotes.lines(accepted.id()));
            publish(EventTypes.QUOTE_ACCEPTED, ctx, accepted);
            return accepted;
        });
    }

    private Object reject(FieldContext ctx) throws SQLException {
        return transition(ctx, (q, version, in) -> {
            String reason = in.text("reason", false, 2_000);
            if (!in.ok()) {
                throw new Refused("VALIDATION", "input.reason", "is longer than 2000 characters");
            }
            Quote rejected = quotes.reject(q.id(), version, reason, LocalDate.now());
            publish(EventTypes.QUOTE_REJECTED, ctx, rejected);
            return rejected;
        });
    }

    @FunctionalInterface
    private interface Transition {
        Quote apply(Quote q, int expectedVersion, Input in) throws SQLException, Refused;
    }

    private Object transition(FieldContext ctx, Transition transition) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<Quote> q = editable(ctx, in.id("id"));
        if (q.isEmpty()) {
            return Input.notFound("quote", "input.id", "no such quote");
        }
        Map<String, Object> denied = requireEdit(Optional.of(q.get().opportunityId()), "input.id");
        if (denied != null) {
            return denied;
        }
        int version = in.expectedVersion();
        if (!in.ok()) {
            return in.failed("quote");
        }
        try {
            return saved(ctx, transition.apply(q.get(), version, in));
        } catch (Refused refused) {
            return Input.refused("quote", refused);
        }
    }

    /** Quotes are sent and revised for open deals only: a closed deal's offer is history. */
    private void requireOpenDeal(Quote q) throws Refused {
        String status = reader.opportunity(q.opportunityId())
                .map(OpportunitySnapshot::status)
                .orElse("GONE");
        if (!"OPEN".equals(status)) {
            throw new Refused(
                    "INVALID_TRANSITION",
                    "input.id",
                    "the opportunity is " + status + ": reopen it to change its quotes");
        }
    }

    /** The host's refusal ("[UserError[code=INVALID_TRANSITION, message=..., field=...]]") as this plugin's. */
    static Refused hostRefusal(RuntimeException e) {
        String text = String.valueOf(e.getMessage());
        java.util.regex.Matcher code =
                java.util.regex.Pattern.compile("code=([A-Z_]+)").matcher(text);
        java.util.regex.Matcher message =
                java.util.regex.Pattern.compile("message=(.*?), field=").matcher(text);
        return new Refused(
                code.find() ? code.group(1) : "VALIDATION",
                "input.id",
                "the opportunity refused the change: " + (message.find() ? message.group(1) : text));
    }

    // --- helpers ---

    /** A quote by API id whose deal the user may see. */
    private Optional<Quote> editable(FieldContext ctx, String apiId) throws SQLException {
        Optional<UUID> id = ctx.recordId(apiId, TYPE);
        return id.isEmpty() ? Optional.empty() : visible(id.get());
    }

    private Optional<Quote> visibleQuote(UUID id) {
        try {
            return visible(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when the user may change the deal; else the payload that says why not. */
    private Map<String, Object> requireEdit(Optional<UUID> deal, String field) {
        RecordAccess access = deal.map(reader::access).orElse(RecordAccess.NONE);
        if (access == RecordAccess.NONE) {
            return Input.notFound(
                    "quote", field, field.contains("opportunity") ? "no such opportunity" : "no such quote");
        }
        if (access != RecordAccess.EDIT) {
            return Input.payload(
                    "quote",
                    null,
                    List.of(Input.error("FORBIDDEN", "you may read this opportunity, not change it", field)));
        }
        return null;
    }

    private void publish(String type, FieldContext ctx, Quote q) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("quoteId", ctx.apiId(TYPE, q.id()));
        payload.put("opportunityId", ctx.apiId("Opportunity", q.opportunityId()));
        payload.put("number", q.number());
        payload.put("revision", q.revision());
        payload.put("status", q.status());
        try {
            Totals totals = totals(q, quotes.lines(q.id()));
            payload.put("net", totals.net().toPlainString());
            payload.put("total", totals.total().toPlainString());
            payload.put("currency", q.currency());
            if (q.rejectReason() != null) {
                payload.put("reason", q.rejectReason());
            }
            events.publish(type, TYPE, q.id(), payload);
        } catch (SQLException | RuntimeException e) {
            // the change is committed; a lost announcement is logged, not turned into a failed mutation
            LOG.log(System.Logger.Level.ERROR, "event " + type + " for " + q.label() + " not published", e);
        }
    }

    static Totals totals(Quote q, List<QuoteLine> lines) {
        return Totals.of(q.currency(), lines.stream().map(QuoteLine::forTotals).toList(), q.discountPercent());
    }

    /** The discount of a quote in percent of its own prices (see {@link Totals#discountPercent}). */
    static BigDecimal discountOf(Quote q, List<QuoteLine> lines) {
        List<Totals.Line> forTotals = lines.stream().map(QuoteLine::forTotals).toList();
        return Totals.discountPercent(forTotals, Totals.of(q.currency(), forTotals, q.discountPercent()));
    }

    /**
     * Tells the host the discount of the deal's latest sent or accepted quote (win/loss analysis averages it). The
     * quote's change is made by then: a refusal is logged, not passed on.
     */
    static void reportDiscount(OpportunityUpdates updates, Quote q, List<QuoteLine> lines) {
        try {
            updates.setQuotedDiscount(q.opportunityId(), discountOf(q, lines));
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the discount of " + q.label() + " was not reported: " + e.getMessage());
        }
    }

    private Map<String, Object> saved(FieldContext ctx, Quote q) throws SQLException {
        return Input.payload("quote", views(ctx, List.of(q)).get(0), List.of());
    }

    private Optional<Product> product(UUID id) {
        try {
            return catalogue.findProduct(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<PriceList> priceList(UUID id) {
        try {
            return catalogue.findPriceList(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<QuoteLine> line(UUID id) {
        try {
            return quotes.line(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<UUID> parseUuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // --- views ---

    private Map<String, Object> view(FieldContext ctx, Quote q) {
        try {
            return views(ctx, List.of(q)).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Quotes as the API shows them, with their lines and totals (the lines of all read at once). */
    private List<Map<String, Object>> views(FieldContext ctx, List<Quote> list) throws SQLException {
        Map<UUID, List<QuoteLine>> linesByQuote =
                quotes.lines(list.stream().map(Quote::id).toList());
        Set<UUID> productIds = new LinkedHashSet<>();
        linesByQuote.values().forEach(ls -> ls.stream()
                .map(QuoteLine::productId)
                .filter(java.util.Objects::nonNull)
                .forEach(productIds::add));
        Map<UUID, Product> products = catalogue.findProducts(productIds);
        List<Map<String, Object>> views = new ArrayList<>();
        for (Quote q : list) {
            List<QuoteLine> lines = linesByQuote.get(q.id());
            Totals totals = totals(q, lines);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("__id", q.id());
            view.put("__cursor", encode(q));
            view.put("id", ctx.apiId(TYPE, q.id()));
            view.put("number", q.number());
            view.put("revision", q.revision());
            view.put("status", q.status());
            view.put("currency", q.currency());
            view.put("opportunityId", ctx.apiId("Opportunity", q.opportunityId()));
            view.put("contactId", q.contactId() == null ? null : ctx.apiId("Contact", q.contactId()));
            view.put(
                    "priceListId",
                    q.priceListId() == null ? null : ctx.apiId(CatalogueSchema.PRICE_LIST, q.priceListId()));
            List<Map<String, Object>> lineViews = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                QuoteLine l = lines.get(i);
                Map<String, Object> lv = new LinkedHashMap<>();
                lv.put("id", l.id().toString());
                lv.put("position", l.position());
                Product p = l.productId() == null ? null : products.get(l.productId());
                lv.put("product", p == null ? null : CatalogueSchema.product(ctx, p));
                lv.put("sku", l.sku());
                lv.put("name", l.name());
                lv.put("description", l.description());
                lv.put("quantity", l.quantity());
                lv.put("unit", l.unit());
                lv.put("unitPrice", money(l.unitPrice(), q.currency()));
                lv.put("discountPercent", l.discountPercent());
                lv.put("taxRate", l.taxRate());
                lv.put("optional", l.optional());
                lv.put("netAmount", money(totals.lineNets().get(i), q.currency()));
                lineViews.add(lv);
            }
            view.put("__lines", lineViews);
            view.put("subtotal", money(totals.subtotal(), q.currency()));
            view.put("discountPercent", q.discountPercent().stripTrailingZeros());
            view.put("discountAmount", money(totals.discount(), q.currency()));
            view.put("netTotal", money(totals.net(), q.currency()));
            view.put(
                    "taxes",
                    totals.taxes().stream()
                            .map(t -> Map.of(
                                    "rate", t.rate(),
                                    "base", money(t.base(), q.currency()),
                                    "amount", money(t.amount(), q.currency())))
                            .toList());
            view.put("total", money(totals.total(), q.currency()));
            view.put("optionalTotal", money(totals.optionalNet(), q.currency()));
            view.put("validUntil", q.validUntil());
            view.put("language", q.language());
            view.put("customerAddress", q.customerAddress());
            view.put("contactName", q.contactName());
            view.put("subject", q.subject());
            view.put("introduction", q.introduction());
            view.put("terms", q.terms());
            view.put("template", q.template());
            view.put("rejectReason", q.rejectReason());
            view.put("sentAt", q.sentAt() == null ? null : q.sentAt().toString());
            view.put("decidedAt", q.decidedAt() == null ? null : q.decidedAt().toString());
            view.put("pdfUrl", "/quotes/" + q.id() + "/pdf");
            view.put("version", q.version());
            view.put("createdAt", q.createdAt().toString());
            view.put("updatedAt", q.updatedAt().toString());
            views.add(view);
        }
        return views;
    }

    static Map<String, Object> money(BigDecimal amount, String currency) {
        return Map.of("amount", amount, "currency", currency);
    }

    private static String encode(Quote q) {
        return encode(q.number(), q.revision());
    }

    private static String encode(String number, int revision) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((number + "\u0000" + revision).getBytes(StandardCharsets.UTF_8));
    }

    /** {number, revision}; a cursor not of this list answers an empty page. */
    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\u0000");
            Integer.parseInt(parts[1]);
            return parts;
        } catch (RuntimeException e) {
            return new String[] {"", "0"};
        }
    }
}

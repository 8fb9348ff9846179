package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.plugins.quotes.Database.Refused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The catalogue in the API: products, price lists and their prices. */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=quote-catalogue")
public class CatalogueSchema implements SchemaContribution {

    static final String PRODUCT = "Product";
    static final String PRICE_LIST = "PriceList";

    private final CatalogueStore store;

    @Activate
    public CatalogueSchema(@Reference CatalogueStore store) {
        this.store = store;
    }

    @Override
    public String sdl() {
        return """
                extend type Query {
                  "Products by SKU."
                  products(
                    "Which ones."
                    filter: ProductFilter
                    "Page size: 20 when left out, 1 to 100."
                    first: Int
                    "The endCursor of the previous page."
                    after: String
                  ): ProductConnection! @policy(allow: EMPLOYEE)
                  "Price lists by name; only those of a currency or an account when asked."
                  priceLists(
                    "Only lists in this currency, e.g. EUR."
                    currency: String
                    "Only this account's own lists."
                    accountId: ID
                  ): [PriceList!]! @policy(allow: EMPLOYEE)
                }

                extend type Mutation {
                  "Adds a product to the catalogue. Errors: VALIDATION (e.g. a SKU that exists, ignoring case)."
                  createProduct("The new product." input: CreateProductInput!): ProductPayload! @policy(allow: ADMIN)
                  "Changes a product: the fields given are set, the others stay; quotes keep what they offered. Errors: VALIDATION, NOT_FOUND, VERSION_CONFLICT."
                  updateProduct("What changes." input: UpdateProductInput!): ProductPayload! @policy(allow: ADMIN)
                  "Creates a price list in one currency, for a period, optionally an account's own. Errors: VALIDATION (e.g. a name that exists)."
                  createPriceList("The new list." input: CreatePriceListInput!): PriceListPayload! @policy(allow: ADMIN)
                  "Sets a product's unit price in a list from a quantity on (1 when left out); unitPrice null removes that price. Errors: VALIDATION, NOT_FOUND."
                  setPrice("The list, the product, the price." input: SetPriceInput!): PriceListPayload! @policy(allow: ADMIN)
                  "Imports products (created or updated by SKU) and their prices in a list from a CSV: every row is checked first, and the file is imported whole or not at all. Columns: sku, name, unit, taxRate (required), description, active, price, minQuantity; comma or semicolon; decimals with a point or comma; at most 20,000 rows."
                  importCatalogue("The file and the list its prices go into." input: ImportCatalogueInput!): ImportCataloguePayload! @policy(allow: ADMIN)
                }

                "An article that quote lines can name; node(id) finds it."
                type Product implements Node {
                  "The product's ID."
                  id: ID!
                  "Article number, unique ignoring case."
                  sku: String!
                  "The name printed on quotes."
                  name: String!
                  "Longer text, printed under the name."
                  description: String
                  "What a quantity counts, e.g. piece, hour, day, licence/month."
                  unit: String!
                  "The tax rate in percent new lines take, e.g. 19."
                  taxRate: Decimal!
                  "Inactive products are kept but not offered for new lines."
                  active: Boolean!
                  "Changes with every update."
                  version: Int!
                }
                "Which products."
                input ProductFilter {
                  "Part of the SKU, name or description."
                  query: String
                  "Only active (true) or inactive (false) ones."
                  active: Boolean
                }
                "A page of products."
                type ProductConnection {
                  "The products with their cursors."
                  edges: [ProductEdge!]!
                  "Where the page is."
                  pageInfo: PageInfo!
                  "All products the filter selects."
                  totalCount: Int!
                }
                "A product and its cursor."
                type ProductEdge {
                  "Pass as after for the products after this one."
                  cursor: String!
                  "The product."
                  node: Product!
                }
                "A new product."
                input CreateProductInput {
                  "Article number, 1 to 64 characters."
                  sku: String!
                  "1 to 200 characters."
                  name: String!
                  "Up to 20,000 characters."
                  description: String
                  "e.g. piece, hour, day, licence/month."
                  unit: String!
                  "Percent, 0 to 100."
                  taxRate: Decimal!
                  "Offered for new lines: true when left out."
                  active: Boolean
                }
                "Changes of a product."
                input UpdateProductInput {
                  "The product."
                  id: ID!
                  "The version the change was made on."
                  expectedVersion: Int!
                  "New article number."
                  sku: String
                  "New name."
                  name: String
                  "New description (null clears)."
                  description: String
                  "New unit."
                  unit: String
                  "New tax rate."
                  taxRate: Decimal
                  "Active or not."
                  active: Boolean
                }
                "The product, or why not."
                type ProductPayload {
                  "The product as saved; null when refused."
                  product: Product
                  "What was wrong; empty when saved."
                  errors: [UserError!]!
                }

                "Prices in one currency, for a period; node(id) finds it."
                type PriceList implements Node {
                  "The list's ID."
                  id: ID!
                  "Unique ignoring case."
                  name: String!
                  "All its prices are in this currency."
                  currency: String!
                  "First day it applies; null: always did."
                  validFrom: Date
                  "Last day it applies; null: open."
                  validTo: Date
                  "The account whose own list it is; null for a general list."
                  accountId: ID
                  "Its prices by product SKU and quantity."
                  prices: [Price!]!
                  "Changes with every price set."
                  version: Int!
                }
                "A product's price from a quantity on: several for one product are quantity breaks."
                type Price {
                  "The product."
                  product: Product!
                  "The price applies from this quantity on."
                  minQuantity: Decimal!
                  "Per unit."
                  unitPrice: Money!
                }
                "A new price list."
                input CreatePriceListInput {
                  "1 to 200 characters, unique ignoring case."
                  name: String!
                  "ISO 4217, e.g. EUR."
                  currency: String!
                  "First day it applies."
                  validFrom: Date
                  "Last day it applies."
                  validTo: Date
                  "Makes it this account's own list: offered first for its deals."
                  accountId: ID
                }
                "One price of a list."
                input SetPriceInput {
                  "The list."
                  priceListId: ID!
                  "The product."
                  productId: ID!
                  "From this quantity on (a quantity break); 1 when left out."
                  minQuantity: Decimal
                  "Per unit, in the list's currency; null removes the price."
                  unitPrice: Decimal
                }
                "A catalogue file."
                input ImportCatalogueInput {
                  "The CSV text, header row first (UTF-8)."
                  csv: String!
                  "The list the file's prices go into; required when it has prices."
                  priceListId: ID
                  "Only check the file: report what would be imported, import nothing."
                  dryRun: Boolean
                }
                "What an import did, or every problem of the file."
                type ImportCataloguePayload {
                  "Products created (0 when refused or a dry run)."
                  productsCreated: Int!
                  "Products updated."
                  productsUpdated: Int!
                  "Prices set."
                  pricesSet: Int!
                  "The products the file describes."
                  rows: Int!
                  "Each bad row: its line and column; empty when the file was imported (or would be)."
                  problems: [ImportProblem!]!
                  "What was wrong besides the rows (e.g. the list); empty when imported."
                  errors: [UserError!]!
                }
                "A problem of one line of an imported file."
                type ImportProblem {
                  "The line in the file: 1 is the header; 0 when the file as a whole is unreadable."
                  line: Int!
                  "The column, when it is one column's."
                  column: String
                  "What is wrong."
                  message: String!
                }
                "The price list, or why not."
                type PriceListPayload {
                  "The list as saved; null when refused."
                  priceList: PriceList
                  "What was wrong; empty when saved."
                  errors: [UserError!]!
                }
                """;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Query",
                Map.of("products", this::products, "priceLists", this::priceLists),
                "Mutation",
                Map.of(
                        "createProduct", this::createProduct,
                        "updateProduct", this::updateProduct,
                        "createPriceList", this::createPriceList,
                        "setPrice", this::setPrice,
                        "importCatalogue", this::importCatalogue),
                PRICE_LIST,
                Map.of("prices", this::prices));
    }

    @Override
    public Map<String, FieldResolver> nodes() {
        return Map.of(
                PRODUCT,
                ctx -> store.findProduct((UUID) ctx.arguments().get("id"))
                        .map(p -> product(ctx, p))
                        .orElse(null),
                PRICE_LIST,
                ctx -> store.findPriceList((UUID) ctx.arguments().get("id"))
                        .map(l -> priceList(ctx, l))
                        .orElse(null));
    }

    // --- reads ---

    private Object products(FieldContext ctx) throws SQLException {
        Map<String, Object> args = ctx.arguments();
        @SuppressWarnings("unchecked")
        Map<String, Object> filter = args.get("filter") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
        String text = filter.get("query") instanceof String s && !s.isBlank() ? s.trim() : null;
        Boolean active = filter.get("active") instanceof Boolean b ? b : null;
        int first = args.get("first") instanceof Integer n ? Math.max(1, Math.min(n, 100)) : 20;
        String after = args.get("after") instanceof String cursor ? decode(cursor) : null;
        List<Product> rows = store.products(text, active, after, first + 1);
        boolean hasNext = rows.size() > first;
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Product p : rows.subList(0, Math.min(first, rows.size()))) {
            edges.add(Map.of("cursor", encode(p.sku()), "node", product(ctx, p)));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", after != null);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
        pageInfo.put(
                "endCursor",
                edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        return Map.of("edges", edges, "pageInfo", pageInfo, "totalCount", store.countProducts(text, active));
    }

    private Object priceLists(FieldContext ctx) throws SQLException {
        Object currency = ctx.arguments().get("currency");
        Optional<UUID> account =
                ctx.arguments().get("accountId") instanceof String id ? ctx.recordId(id, "Account") : Optional.empty();
        if (ctx.arguments().get("accountId") != null && account.isEmpty()) {
            return List.of(); // an account the user may not see has no lists for them
        }
        return store.priceLists(currency == null ? null : currency.toString(), account.orElse(null)).stream()
                .map(l -> priceList(ctx, l))
                .toList();
    }

    private Object prices(FieldContext ctx) throws SQLException {
        UUID list = (UUID) ((Map<?, ?>) ctx.source()).get("__id");
        String currency = (String) ((Map<?, ?>) ctx.source()).get("currency");
        List<Price> prices = store.prices(list);
        Map<UUID, Product> products =
                store.findProducts(prices.stream().map(Price::productId).toList());
        return prices.stream()
                .map(p -> Map.of(
                        "product", product(ctx, products.get(p.productId())),
                        "minQuantity", p.minQuantity().stripTrailingZeros(),
                        "unitPrice", QuoteSchema.money(p.unitPrice(), currency)))
                .toList();
    }

    // --- changes ---

    private Object createProduct(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Product p = productFrom(in, null);
        if (!in.ok()) {
            return in.failed("product");
        }
        try {
            return Input.payload("product", product(ctx, store.createProduct(p)), List.of());
        } catch (Refused refused) {
            return Input.refused("product", refused);
        }
    }

    private Object updateProduct(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<Product> current = ctx.recordId(in.id("id"), PRODUCT).flatMap(this::findProduct);
        if (current.isEmpty()) {
            return Input.notFound("product", "input.id", "no such product");
        }
        int version = in.expectedVersion();
        Product p = productFrom(in, current.get());
        if (!in.ok()) {
            return in.failed("product");
        }
        try {
            return Input.payload("product", product(ctx, store.updateProduct(p, version)), List.of());
        } catch (Refused refused) {
            return Input.refused("product", refused);
        }
    }

    private static Product productFrom(Input in, Product current) {
        boolean creating = current == null;
        BigDecimal taxRate = creating || in.has("taxRate") ? in.taxRate("taxRate") : current.taxRate();
        if (taxRate == null && in.ok()) {
            in.fail("VALIDATION", "taxRate", "is required");
        }
        return new Product(
                creating ? UUID.randomUUID() : current.id(),
                creating || in.has("sku") ? in.text("sku", true, 64) : current.sku(),
                creating || in.has("name") ? in.text("name", true, 200) : current.name(),
                creating || in.given("description") ? in.text("description", false, 20_000) : current.description(),
                creating || in.has("unit") ? in.text("unit", true, 40) : current.unit(),
                taxRate,
                creating ? in.flag("active", true) : in.flag("active", current.active()),
                creating ? 1 : current.version(),
                null,
                null);
    }

    private Object createPriceList(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        String name = in.text("name", true, 200);
        String currency = in.currency("currency");
        LocalDate from = in.date("validFrom");
        LocalDate to = in.date("validTo");
        if (from != null && to != null && to.isBefore(from)) {
            in.fail("VALIDATION", "validTo", "must not be before validFrom");
        }
        UUID account = null;
        if (in.has("accountId")) {
            account = ctx.recordId(in.id("accountId"), "Account").orElse(null);
            if (account == null) {
                in.fail("NOT_FOUND", "accountId", "no such account");
            }
        }
        if (!in.ok()) {
            return in.failed("priceList");
        }
        try {
            PriceList saved =
                    store.createPriceList(new PriceList(UUID.randomUUID(), name, currency, from, to, account, 1, null));
            return Input.payload("priceList", priceList(ctx, saved), List.of());
        } catch (Refused refused) {
            return Input.refused("priceList", refused);
        }
    }

    private Object setPrice(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<PriceList> list =
                ctx.recordId(in.id("priceListId"), PRICE_LIST).flatMap(this::findPriceList);
        if (list.isEmpty()) {
            return Input.notFound("priceList", "input.priceListId", "no such price list");
        }
        Optional<Product> product = ctx.recordId(in.id("productId"), PRODUCT).flatMap(this::findProduct);
        if (product.isEmpty()) {
            return Input.notFound("priceList", "input.productId", "no such product");
        }
        BigDecimal minQuantity = in.has("minQuantity")
                ? in.decimal("minQuantity", BigDecimal.ZERO, true, null, 4, "must be above 0 with at most 4 decimals")
                : BigDecimal.ONE;
        BigDecimal unitPrice = in.amount("unitPrice");
        if (!in.ok()) {
            return in.failed("priceList");
        }
        try {
            store.setPrice(list.get().id(), product.get().id(), minQuantity, unitPrice);
            return Input.payload(
                    "priceList", priceList(ctx, findPriceList(list.get().id()).orElseThrow()), List.of());
        } catch (Refused refused) {
            return Input.refused("priceList", refused);
        }
    }

    private Object importCatalogue(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        String csv = in.text("csv", true, 10_000_000);
        UUID list = null;
        if (in.has("priceListId")) {
            list = ctx.recordId(in.id("priceListId"), PRICE_LIST)
                    .flatMap(this::findPriceList)
                    .map(PriceList::id)
                    .orElse(null);
            if (list == null) {
                in.fail("NOT_FOUND", "priceListId", "no such price list");
            }
        }
        if (!in.ok()) {
            return imported(0, 0, 0, 0, List.of(), in.errors());
        }
        CatalogueImport.Result read = CatalogueImport.read(csv);
        int pricesInFile =
                read.items().stream().mapToInt(i -> i.prices().size()).sum();
        if (!read.problems().isEmpty()) {
            return imported(
                    0,
                    0,
                    0,
                    read.items().size(),
                    read.problems(),
                    List.of(Input.error(
                            "VALIDATION",
                            read.problems().size() + " problem(s) in the file; nothing imported",
                            "input.csv")));
        }
        if (in.flag("dryRun", false)) {
            return imported(0, 0, 0, read.items().size(), List.of(), List.of());
        }
        if (pricesInFile > 0 && list == null) {
            return imported(
                    0,
                    0,
                    0,
                    read.items().size(),
                    List.of(),
                    List.of(Input.error("VALIDATION", "the file has prices: name the list", "input.priceListId")));
        }
        try {
            CatalogueStore.Imported done = store.importItems(read.items(), list);
            return imported(
                    done.created(), done.updated(), done.prices(), read.items().size(), List.of(), List.of());
        } catch (Refused refused) {
            return imported(
                    0,
                    0,
                    0,
                    read.items().size(),
                    List.of(),
                    List.of(Input.error(refused.code, refused.getMessage(), refused.field)));
        }
    }

    private static Map<String, Object> imported(
            int created,
            int updated,
            int prices,
            int rows,
            List<CatalogueImport.Problem> problems,
            List<Map<String, Object>> errors) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("productsCreated", created);
        payload.put("productsUpdated", updated);
        payload.put("pricesSet", prices);
        payload.put("rows", rows);
        List<Map<String, Object>> list = new ArrayList<>();
        for (CatalogueImport.Problem p : problems) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("line", (int) p.line());
            problem.put("column", p.column());
            problem.put("message", p.message());
            list.add(problem);
        }
        payload.put("problems", list);
        payload.put("errors", errors);
        return payload;
    }

    // --- views ---

    private Optional<Product> findProduct(UUID id) {
        try {
            return store.findProduct(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<PriceList> findPriceList(UUID id) {
        try {
            return store.findPriceList(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> product(FieldContext ctx, Product p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("__id", p.id());
        view.put("id", ctx.apiId(PRODUCT, p.id()));
        view.put("sku", p.sku());
        view.put("name", p.name());
        view.put("description", p.description());
        view.put("unit", p.unit());
        view.put("taxRate", p.taxRate().stripTrailingZeros());
        view.put("active", p.active());
        view.put("version", p.version());
        return view;
    }

    static Map<String, Object> priceList(FieldContext ctx, PriceList l) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("__id", l.id());
        view.put("id", ctx.apiId(PRICE_LIST, l.id()));
        view.put("name", l.name());
        view.put("currency", l.currency());
        view.put("validFrom", l.validFrom());
        view.put("validTo", l.validTo());
        view.put("accountId", l.accountId() == null ? null : ctx.apiId("Account", l.accountId()));
        view.put("version", l.version());
        return view;
    }

    private static String encode(String sku) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sku.toLowerCase().getBytes(StandardCharsets.UTF_8));
    }

    /** The SKU a cursor stands for; a cursor not of this list starts from the beginning of nothing (no rows). */
    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\uffff";
        }
    }
}

package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchance.plugins.quotes.Database.Refused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Products, price lists and prices. */
@Component(service = CatalogueStore.class)
public class CatalogueStore {

    private static final String PRODUCT =
            "id, sku, name, description, unit, tax_rate, active, version, created_at," + " updated_at";
    private static final String PRICE_LIST =
            "id, name, currency, valid_from, valid_to, account_id, version, created_at";

    private final Database database;

    @Activate
    public CatalogueStore(@Reference Database database) {
        this.database = database;
    }

    // --- products ---

    Product createProduct(Product p) throws SQLException, Refused {
        return database.inTransaction(db -> {
            if (skuTaken(db, p.sku(), p.id())) {
                throw new Refused("VALIDATION", "input.sku", "a product with SKU " + p.sku() + " exists");
            }
            try (PreparedStatement s = db.prepareStatement("insert into product (id, sku, name, description, unit,"
                    + " tax_rate, active) values (?, ?, ?, ?, ?, ?, ?) returning " + PRODUCT)) {
                s.setObject(1, p.id());
                s.setString(2, p.sku());
                s.setString(3, p.name());
                s.setString(4, p.description());
                s.setString(5, p.unit());
                s.setBigDecimal(6, p.taxRate());
                s.setBoolean(7, p.active());
                return one(s, CatalogueStore::product);
            }
        });
    }

    Product updateProduct(Product p, int expectedVersion) throws SQLException, Refused {
        return database.inTransaction(db -> {
            if (skuTaken(db, p.sku(), p.id())) {
                throw new Refused("VALIDATION", "input.sku", "a product with SKU " + p.sku() + " exists");
            }
            try (PreparedStatement s = db.prepareStatement("update product set sku = ?, name = ?, description = ?,"
                    + " unit = ?, tax_rate = ?, active = ?, version = version + 1, updated_at = now()"
                    + " where id = ? and version = ? returning " + PRODUCT)) {
                s.setString(1, p.sku());
                s.setString(2, p.name());
                s.setString(3, p.description());
                s.setString(4, p.unit());
                s.setBigDecimal(5, p.taxRate());
                s.setBoolean(6, p.active());
                s.setObject(7, p.id());
                s.setInt(8, expectedVersion);
                Product saved = one(s, CatalogueStore::product);
                if (saved == null) {
                    throw new Refused(
                            "VERSION_CONFLICT",
                            "input.expectedVersion",
                            "the product was changed meanwhile; reload it (version "
                                    + findProduct(db, p.id())
                                            .map(Product::version)
                                            .orElse(0) + ")");
                }
                return saved;
            }
        });
    }

    private static boolean skuTaken(Connection db, String sku, UUID except) throws SQLException {
        try (PreparedStatement s =
                db.prepareStatement("select 1 from product where lower(sku) = lower(?) and id <> ?")) {
            s.setString(1, sku);
            s.setObject(2, except);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    Optional<Product> findProduct(UUID id) throws SQLException {
        try (Connection db = database.connection()) {
            return findProduct(db, id);
        }
    }

    private static Optional<Product> findProduct(Connection db, UUID id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("select " + PRODUCT + " from product where id = ?")) {
            s.setObject(1, id);
            return Optional.ofNullable(one(s, CatalogueStore::product));
        }
    }

    Map<UUID, Product> findProducts(Collection<UUID> ids) throws SQLException {
        Map<UUID, Product> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + PRODUCT + " from product where id = any(?)")) {
            s.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Product p = product(rs);
                    found.put(p.id(), p);
                }
            }
        }
        return found;
    }

    /** Which products a filter selects: parameters 1 to 6, bound by {@link #bindFilter}. */
    private static final String FILTER = " where (cast(? as text) is null or sku ilike ? or name ilike ? or description"
            + " ilike ?) and (cast(? as boolean) is null or active = ?)";

    /** Products by SKU (case-insensitive), after the given SKU; {@code text} matches SKU, name or description. */
    List<Product> products(String text, Boolean active, String afterSku, int limit) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + PRODUCT + " from product" + FILTER
                        + " and (cast(? as text) is null or lower(sku) > lower(?)) order by lower(sku) limit ?")) {
            bindFilter(s, text, active);
            s.setString(7, afterSku);
            s.setString(8, afterSku);
            s.setInt(9, limit);
            return all(s, CatalogueStore::product);
        }
    }

    int countProducts(String text, Boolean active) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select count(*) from product" + FILTER)) {
            bindFilter(s, text, active);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void bindFilter(PreparedStatement s, String text, Boolean active) throws SQLException {
        String like = like(text);
        for (int i = 1; i <= 4; i++) {
            s.setString(i, like);
        }
        s.setObject(5, active);
        s.setObject(6, active);
    }

    /** An ILIKE pattern that finds the text anywhere, its own % and _ taken literally; null for null. */
    private static String like(String text) {
        return text == null
                ? null
                : "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** What an import did. */
    record Imported(int created, int updated, int prices) {}

    /**
     * Creates or updates (by SKU, ignoring case) every product of an import and sets its prices in the list, in one
     * transaction: all or nothing.
     */
    Imported importItems(List<CatalogueImport.Item> items, UUID priceListId) throws SQLException, Refused {
        return database.inTransaction(db -> {
            int created = 0;
            int updated = 0;
            int prices = 0;
            try (PreparedStatement product = db.prepareStatement("insert into product (id, sku, name, description,"
                            + " unit, tax_rate, active) values (?, ?, ?, ?, ?, ?, ?) on conflict ((lower(sku))) do"
                            + " update set sku = excluded.sku, name = excluded.name, description = excluded.description,"
                            + " unit = excluded.unit, tax_rate = excluded.tax_rate, active = excluded.active,"
                            + " version = product.version + 1, updated_at = now() returning id, xmax = 0");
                    PreparedStatement price = db.prepareStatement("insert into price (price_list_id, product_id,"
                            + " min_quantity, unit_price) values (?, ?, ?, ?) on conflict (price_list_id, product_id,"
                            + " min_quantity) do update set unit_price = excluded.unit_price")) {
                for (CatalogueImport.Item item : items) {
                    product.setObject(1, UUID.randomUUID());
                    product.setString(2, item.sku());
                    product.setString(3, item.name());
                    product.setString(4, item.description());
                    product.setString(5, item.unit());
                    product.setBigDecimal(6, item.taxRate());
                    product.setBoolean(7, item.active());
                    UUID id;
                    try (ResultSet rs = product.executeQuery()) {
                        rs.next();
                        id = rs.getObject(1, UUID.class);
                        if (rs.getBoolean(2)) {
                            created++;
                        } else {
                            updated++;
                        }
                    }
                    for (Map.Entry<BigDecimal, BigDecimal> p : item.prices().entrySet()) {
                        if (priceListId == null) {
                            throw new Refused("VALIDATION", "input.priceListId", "the file has prices: name the list");
                        }
                        price.setObject(1, priceListId);
                        price.setObject(2, id);
                        price.setBigDecimal(3, p.getKey());
                        price.setBigDecimal(4, p.getValue());
                        price.addBatch();
                        prices++;
                    }
                }
                price.executeBatch();
            }
            if (priceListId != null && prices > 0) {
                try (PreparedStatement s =
                        db.prepareStatement("update price_list set version = version + 1 where id = ?")) {
                    s.setObject(1, priceListId);
                    s.executeUpdate();
                }
            }
            return new Imported(created, updated, prices);
        });
    }

    // --- price lists and prices ---

    PriceList createPriceList(PriceList l) throws SQLException, Refused {
        return database.inTransaction(db -> {
            try (PreparedStatement s =
                    db.prepareStatement("insert into price_list (id, name, currency, valid_from, valid_to, account_id)"
                            + " values (?, ?, ?, ?, ?, ?) returning " + PRICE_LIST)) {
                s.setObject(1, l.id());
                s.setString(2, l.name());
                s.setString(3, l.currency());
                s.setObject(4, l.validFrom());
                s.setObject(5, l.validTo());
                s.setObject(6, l.accountId());
                return one(s, CatalogueStore::priceList);
            }
        });
    }

    Optional<PriceList> findPriceList(UUID id) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + PRICE_LIST + " from price_list where id = ?")) {
            s.setObject(1, id);
            return Optional.ofNullable(one(s, CatalogueStore::priceList));
        }
    }

    /** Price lists by name; only those of a currency or an account when given. */
    List<PriceList> priceLists(String currency, UUID accountId) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + PRICE_LIST + " from price_list"
                        + " where (cast(? as text) is null or currency = ?)"
                        + " and (cast(? as uuid) is null or account_id = ?) order by lower(name)")) {
            s.setString(1, currency);
            s.setString(2, currency);
            s.setObject(3, accountId);
            s.setObject(4, accountId);
            return all(s, CatalogueStore::priceList);
        }
    }

    /**
     * The list a new quote uses when none is given: the account's own list valid on the day in the currency, else a
     * general one (the newest first); empty when there is none.
     */
    Optional<PriceList> defaultPriceList(UUID accountId, String currency, LocalDate day) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + PRICE_LIST + " from price_list"
                        + " where currency = ? and (account_id is null or account_id = ?)"
                        + " and (valid_from is null or valid_from <= ?) and (valid_to is null or valid_to >= ?)"
                        + " order by account_id is null, created_at desc limit 1")) {
            s.setString(1, currency);
            s.setObject(2, accountId);
            s.setObject(3, day);
            s.setObject(4, day);
            return Optional.ofNullable(one(s, CatalogueStore::priceList));
        }
    }

    /** Sets the unit price of a product from a quantity on; a null price removes that break. */
    void setPrice(UUID priceListId, UUID productId, BigDecimal minQuantity, BigDecimal unitPrice)
            throws SQLException, Refused {
        database.inTransaction(db -> {
            if (unitPrice == null) {
                try (PreparedStatement s = db.prepareStatement(
                        "delete from price where price_list_id = ? and product_id = ? and min_quantity = ?")) {
                    s.setObject(1, priceListId);
                    s.setObject(2, productId);
                    s.setBigDecimal(3, minQuantity);
                    s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = db.prepareStatement("insert into price (price_list_id, product_id,"
                        + " min_quantity, unit_price) values (?, ?, ?, ?) on conflict (price_list_id, product_id,"
                        + " min_quantity) do update set unit_price = excluded.unit_price")) {
                    s.setObject(1, priceListId);
                    s.setObject(2, productId);
                    s.setBigDecimal(3, minQuantity);
                    s.setBigDecimal(4, unitPrice);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s =
                    db.prepareStatement("update price_list set version = version + 1 where id = ?")) {
                s.setObject(1, priceListId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The prices of a list, by product and quantity. */
    List<Price> prices(UUID priceListId) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select p.price_list_id, p.product_id, p.min_quantity,"
                        + " p.unit_price from price p join product d on d.id = p.product_id"
                        + " where p.price_list_id = ? order by lower(d.sku), p.min_quantity")) {
            s.setObject(1, priceListId);
            return all(s, CatalogueStore::price);
        }
    }

    /**
     * The unit price for a quantity: the break with the highest minimum not above it (below the lowest break, the
     * lowest: half an hour costs the hourly rate); empty when the list has no price for the product.
     */
    Optional<BigDecimal> unitPrice(UUID priceListId, UUID productId, BigDecimal quantity) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select unit_price from price where price_list_id = ?"
                        + " and product_id = ? order by min_quantity <= ? desc,"
                        + " case when min_quantity <= ? then min_quantity end desc nulls last, min_quantity limit 1")) {
            s.setObject(1, priceListId);
            s.setObject(2, productId);
            s.setBigDecimal(3, quantity);
            s.setBigDecimal(4, quantity);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBigDecimal(1)) : Optional.empty();
            }
        }
    }

    /** The currencies of the lists that price the product: what to say when the quote's list does not. */
    List<String> currenciesPricing(UUID productId) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select distinct l.currency from price p"
                        + " join price_list l on l.id = p.price_list_id where p.product_id = ? order by 1")) {
            s.setObject(1, productId);
            return all(s, rs -> rs.getString(1));
        }
    }

    // --- rows ---

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static <T> T one(PreparedStatement s, Row<T> row) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? row.read(rs) : null;
        }
    }

    static <T> List<T> all(PreparedStatement s, Row<T> row) throws SQLException {
        List<T> list = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                list.add(row.read(rs));
            }
        }
        return list;
    }

    private static Product product(ResultSet rs) throws SQLException {
        return new Product(
                rs.getObject("id", UUID.class),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("unit"),
                rs.getBigDecimal("tax_rate"),
                rs.getBoolean("active"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static PriceList priceList(ResultSet rs) throws SQLException {
        Date from = rs.getDate("valid_from");
        Date to = rs.getDate("valid_to");
        return new PriceList(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("currency"),
                from == null ? null : from.toLocalDate(),
                to == null ? null : to.toLocalDate(),
                rs.getObject("account_id", UUID.class),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Price price(ResultSet rs) throws SQLException {
        return new Price(
                rs.getObject("price_list_id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getBigDecimal("min_quantity"),
                rs.getBigDecimal("unit_price"));
    }
}

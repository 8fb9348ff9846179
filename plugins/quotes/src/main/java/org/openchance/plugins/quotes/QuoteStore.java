package org.openchance.plugins.quotes;

import static org.openchance.plugins.quotes.CatalogueStore.all;
import static org.openchance.plugins.quotes.CatalogueStore.one;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchance.plugins.quotes.Database.Refused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Quotes, their lines and their documents. A change locks the quote's row, checks the version the caller saw and the
 * status, and commits whole; the numbers come from a counter row per year in the same transaction.
 */
@Component(service = QuoteStore.class)
public class QuoteStore {

    private static final String QUOTE = "id, number, revision, opportunity_id, account_id, contact_id, owner_id,"
            + " price_list_id, currency, status, valid_until, language, customer_address, contact_name, subject,"
            + " introduction, terms, discount_percent, template, reject_reason, sent_at, decided_at, created_by,"
            + " version, created_at, updated_at";
    private static final String LINE = "id, quote_id, position, product_id, sku, name, description, quantity, unit,"
            + " unit_price, discount_percent, tax_rate, optional";

    /** The stored document of a sent revision. */
    record Document(String mediaType, String fileName, byte[] content) {}

    /** A step that must succeed for the change to commit (the host's update of the deal, say). */
    @FunctionalInterface
    interface Step {
        void run(Quote quote, List<QuoteLine> lines) throws SQLException, Refused;
    }

    /** Renders what a revision looks like as sent; called inside the send's transaction. */
    @FunctionalInterface
    interface Renderer {
        Document render(Quote quote, List<QuoteLine> lines) throws Refused;
    }

    private final Database database;

    @Activate
    public QuoteStore(@Reference Database database) {
        this.database = database;
    }

    // --- reads ---

    Optional<Quote> find(UUID id) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + QUOTE + " from quote where id = ?")) {
            s.setObject(1, id);
            return Optional.ofNullable(one(s, QuoteStore::quote));
        }
    }

    /** Every revision of every quote of a deal: newest number first, each number's revisions newest first. */
    List<Quote> ofOpportunity(UUID opportunityId) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + QUOTE + " from quote where opportunity_id = ?"
                        + " order by number desc, revision desc")) {
            s.setObject(1, opportunityId);
            return all(s, QuoteStore::quote);
        }
    }

    /** The accepted quote of a deal, if there is one. */
    Optional<Quote> acceptedOf(UUID opportunityId) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement(
                        "select " + QUOTE + " from quote where opportunity_id = ? and status = 'ACCEPTED'")) {
            s.setObject(1, opportunityId);
            return Optional.ofNullable(one(s, QuoteStore::quote));
        }
    }

    /** Quotes newest first (by number, then revision), after the given one; only some statuses when given. */
    List<Quote> page(Set<String> statuses, String afterNumber, int afterRevision, int limit) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + QUOTE + " from quote"
                        + " where (cast(? as text[]) is null or status = any(?))"
                        + " and (cast(? as text) is null or (number, revision) < (?, ?))"
                        + " order by number desc, revision desc limit ?")) {
            java.sql.Array wanted = statuses == null ? null : db.createArrayOf("text", statuses.toArray());
            s.setArray(1, wanted);
            s.setArray(2, wanted);
            s.setString(3, afterNumber);
            s.setString(4, afterNumber);
            s.setInt(5, afterRevision);
            s.setInt(6, limit);
            return all(s, QuoteStore::quote);
        }
    }

    List<QuoteLine> lines(UUID quoteId) throws SQLException {
        try (Connection db = database.connection()) {
            return lines(db, quoteId);
        }
    }

    private static List<QuoteLine> lines(Connection db, UUID quoteId) throws SQLException {
        try (PreparedStatement s =
                db.prepareStatement("select " + LINE + " from quote_line where quote_id = ? order by position")) {
            s.setObject(1, quoteId);
            return all(s, QuoteStore::line);
        }
    }

    Optional<QuoteLine> line(UUID lineId) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("select " + LINE + " from quote_line where id = ?")) {
            s.setObject(1, lineId);
            return Optional.ofNullable(one(s, QuoteStore::line));
        }
    }

    Optional<Document> document(UUID quoteId) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement(
                        "select media_type, file_name, content from quote_document where quote_id = ?")) {
            s.setObject(1, quoteId);
            return Optional.ofNullable(one(s, rs -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3))));
        }
    }

    // --- creation ---

    /** Saves a new quote (revision 1) under the next number of its year, with its lines. */
    Quote create(Quote q, List<QuoteLine> lines, int year) throws SQLException, Refused {
        return database.inTransaction(db -> {
            String number = nextNumber(db, year);
            Quote saved = insert(db, q, number, 1);
            insertLines(db, saved.id(), lines);
            return saved;
        });
    }

    /**
     * Gap-free and safe under concurrency: the upsert locks the year's row until commit, a rollback gives the number
     * back, and the next creator waits for the lock and gets the following number.
     */
    private static String nextNumber(Connection db, int year) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("insert into quote_counter (year, last) values (?, 1)"
                + " on conflict (year) do update set last = quote_counter.last + 1 returning last")) {
            s.setInt(1, year);
            int last = one(s, rs -> rs.getInt(1));
            return String.format("Q-%d-%05d", year, last);
        }
    }

    private static Quote insert(Connection db, Quote q, String number, int revision) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("insert into quote (id, number, revision, opportunity_id,"
                + " account_id, contact_id, owner_id, price_list_id, currency, status, valid_until, language,"
                + " customer_address, contact_name, subject, introduction, terms, discount_percent, template,"
                + " created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " returning " + QUOTE)) {
            s.setObject(1, q.id());
            s.setString(2, number);
            s.setInt(3, revision);
            s.setObject(4, q.opportunityId());
            s.setObject(5, q.accountId());
            s.setObject(6, q.contactId());
            s.setObject(7, q.ownerId());
            s.setObject(8, q.priceListId());
            s.setString(9, q.currency());
            s.setObject(10, q.validUntil());
            s.setString(11, q.language());
            s.setString(12, q.customerAddress());
            s.setString(13, q.contactName());
            s.setString(14, q.subject());
            s.setString(15, q.introduction());
            s.setString(16, q.terms());
            s.setBigDecimal(17, q.discountPercent());
            s.setString(18, q.template());
            s.setString(19, q.createdBy());
            return one(s, QuoteStore::quote);
        }
    }

    private static void insertLines(Connection db, UUID quoteId, List<QuoteLine> lines) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "insert into quote_line (" + LINE + ")" + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (QuoteLine l : lines) {
                bindLine(s, l, quoteId);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void bindLine(PreparedStatement s, QuoteLine l, UUID quoteId) throws SQLException {
        s.setObject(1, l.id());
        s.setObject(2, quoteId);
        s.setInt(3, l.position());
        s.setObject(4, l.productId());
        s.setString(5, l.sku());
        s.setString(6, l.name());
        s.setString(7, l.description());
        s.setBigDecimal(8, l.quantity());
        s.setString(9, l.unit());
        s.setBigDecimal(10, l.unitPrice());
        s.setBigDecimal(11, l.discountPercent());
        s.setBigDecimal(12, l.taxRate());
        s.setBoolean(13, l.optional());
    }

    // --- changes of a draft ---

    /** Changes the header fields of a draft (everything but number, revision, deal, status). */
    Quote updateDraft(Quote q, int expectedVersion) throws SQLException, Refused {
        return database.inTransaction(db -> {
            lockDraft(db, q.id(), expectedVersion);
            try (PreparedStatement s = db.prepareStatement("update quote set contact_id = ?, price_list_id = ?,"
                    + " valid_until = ?, language = ?, customer_address = ?, contact_name = ?, subject = ?,"
                    + " introduction = ?, terms = ?, discount_percent = ?, template = ? where id = ?")) {
                s.setObject(1, q.contactId());
                s.setObject(2, q.priceListId());
                s.setObject(3, q.validUntil());
                s.setString(4, q.language());
                s.setString(5, q.customerAddress());
                s.setString(6, q.contactName());
                s.setString(7, q.subject());
                s.setString(8, q.introduction());
                s.setString(9, q.terms());
                s.setBigDecimal(10, q.discountPercent());
                s.setString(11, q.template());
                s.setObject(12, q.id());
                s.executeUpdate();
            }
            return touch(db, q.id());
        });
    }

    /** Adds a line at the end, or at its position (the lines from there on move down). */
    Quote addLine(UUID quoteId, int expectedVersion, QuoteLine line) throws SQLException, Refused {
        return database.inTransaction(db -> {
            lockDraft(db, quoteId, expectedVersion);
            List<QuoteLine> lines = lines(db, quoteId);
            if (lines.size() >= 500) {
                throw new Refused("VALIDATION", "input.quoteId", "a quote has at most 500 lines");
            }
            int position = line.position() < 1 || line.position() > lines.size() ? lines.size() + 1 : line.position();
            shift(db, quoteId, position, lines.size(), 1);
            insertLines(db, quoteId, List.of(withPosition(line, position)));
            return touch(db, quoteId);
        });
    }

    Quote updateLine(QuoteLine line, int expectedVersion) throws SQLException, Refused {
        return database.inTransaction(db -> {
            lockDraft(db, line.quoteId(), expectedVersion);
            current(db, line);
            try (PreparedStatement s = db.prepareStatement("update quote_line set product_id = ?, sku = ?, name = ?,"
                    + " description = ?, quantity = ?, unit = ?, unit_price = ?, discount_percent = ?,"
                    + " tax_rate = ?, optional = ? where id = ? and quote_id = ?")) {
                s.setObject(1, line.productId());
                s.setString(2, line.sku());
                s.setString(3, line.name());
                s.setString(4, line.description());
                s.setBigDecimal(5, line.quantity());
                s.setString(6, line.unit());
                s.setBigDecimal(7, line.unitPrice());
                s.setBigDecimal(8, line.discountPercent());
                s.setBigDecimal(9, line.taxRate());
                s.setBoolean(10, line.optional());
                s.setObject(11, line.id());
                s.setObject(12, line.quoteId());
                s.executeUpdate();
            }
            return touch(db, line.quoteId());
        });
    }

    /** Removes a line; the ones after it move up. */
    Quote removeLine(QuoteLine given, int expectedVersion) throws SQLException, Refused {
        return database.inTransaction(db -> {
            lockDraft(db, given.quoteId(), expectedVersion);
            QuoteLine line = current(db, given);
            try (PreparedStatement s = db.prepareStatement("delete from quote_line where id = ?")) {
                s.setObject(1, line.id());
                s.executeUpdate();
            }
            shift(db, line.quoteId(), line.position() + 1, Integer.MAX_VALUE, -1);
            return touch(db, line.quoteId());
        });
    }

    /** Moves a line to a position (1 to the number of lines); the others close up. */
    Quote moveLine(QuoteLine given, int position, int expectedVersion) throws SQLException, Refused {
        return database.inTransaction(db -> {
            lockDraft(db, given.quoteId(), expectedVersion);
            QuoteLine line = current(db, given);
            int count = lines(db, line.quoteId()).size();
            if (position < 1 || position > count) {
                throw new Refused("VALIDATION", "input.position", "must be between 1 and " + count);
            }
            if (position < line.position()) {
                shift(db, line.quoteId(), position, line.position() - 1, 1);
            } else if (position > line.position()) {
                shift(db, line.quoteId(), line.position() + 1, position, -1);
            }
            try (PreparedStatement s = db.prepareStatement("update quote_line set position = ? where id = ?")) {
                s.setInt(1, position);
                s.setObject(2, line.id());
                s.executeUpdate();
            }
            return touch(db, line.quoteId());
        });
    }

    /** The line as it is now, under the quote's lock (what was read before may be stale). */
    private static QuoteLine current(Connection db, QuoteLine line) throws SQLException, Refused {
        try (PreparedStatement s =
                db.prepareStatement("select " + LINE + " from quote_line where id = ? and quote_id = ?")) {
            s.setObject(1, line.id());
            s.setObject(2, line.quoteId());
            QuoteLine now = one(s, QuoteStore::line);
            if (now == null) {
                throw new Refused("NOT_FOUND", "input.id", "no such quote line");
            }
            return now;
        }
    }

    /** Moves the lines at positions from..to by delta (the unique position is checked at commit). */
    private static void shift(Connection db, UUID quoteId, int from, int to, int delta) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "update quote_line set position = position + ?" + " where quote_id = ? and position between ? and ?")) {
            s.setInt(1, delta);
            s.setObject(2, quoteId);
            s.setInt(3, from);
            s.setInt(4, to);
            s.executeUpdate();
        }
    }

    private static QuoteLine withPosition(QuoteLine l, int position) {
        return new QuoteLine(
                l.id(),
                l.quoteId(),
                position,
                l.productId(),
                l.sku(),
                l.name(),
                l.description(),
                l.quantity(),
                l.unit(),
                l.unitPrice(),
                l.discountPercent(),
                l.taxRate(),
                l.optional());
    }

    // --- the life of a quote ---

    /** Freezes a draft as sent, with the document the renderer makes of exactly this revision. */
    Quote send(UUID id, int expectedVersion, LocalDate today, Renderer renderer) throws SQLException, Refused {
        return database.inTransaction(db -> {
            Quote q = lockDraft(db, id, expectedVersion);
            if (q.validUntil().isBefore(today)) {
                throw new Refused(
                        "VALIDATION",
                        "input.id",
                        "valid until " + q.validUntil() + " is past: set a new validUntil with updateQuote first");
            }
            List<QuoteLine> lines = lines(db, id);
            if (lines.stream().allMatch(QuoteLine::optional)) {
                throw new Refused("VALIDATION", "input.id", "a quote needs at least one line that is not optional");
            }
            Document document = renderer.render(q, lines);
            try (PreparedStatement s = db.prepareStatement(
                    "insert into quote_document (quote_id, media_type," + " file_name, content) values (?, ?, ?, ?)")) {
                s.setObject(1, id);
                s.setString(2, document.mediaType());
                s.setString(3, document.fileName());
                s.setBytes(4, document.content());
                s.executeUpdate();
            }
            setStatus(db, id, Quote.SENT, "sent_at = now()");
            return touch(db, id);
        });
    }

    /**
     * Makes the next revision of the latest revision of a quote as a new draft (the lines copied) and marks the one it
     * revises superseded.
     */
    Quote revise(UUID id, int expectedVersion, LocalDate validFromToday) throws SQLException, Refused {
        return database.inTransaction(db -> {
            Quote q = lock(db, id, expectedVersion);
            if (!Set.of(Quote.SENT, Quote.REJECTED, Quote.EXPIRED).contains(q.status())) {
                throw new Refused(
                        "INVALID_TRANSITION",
                        "input.id",
                        "only a sent, rejected or expired quote is revised; this one is " + q.status());
            }
            // a revision of an expired quote gets a validity from today on
            Quote revision = insert(db, withNewId(q, validFromToday), q.number(), q.revision() + 1);
            insertLines(
                    db,
                    revision.id(),
                    lines(db, id).stream().map(l -> withNewId(l, revision.id())).toList());
            setStatus(db, id, Quote.SUPERSEDED, null);
            touch(db, id);
            return revision;
        });
    }

    /**
     * The customer accepted a sent quote that is still valid: {@code step} (the deal's amount) runs inside the
     * transaction, so a refusal there leaves the quote as it was.
     */
    Quote accept(UUID id, int expectedVersion, LocalDate today, Step step) throws SQLException, Refused {
        return database.inTransaction(db -> {
            Quote q = lock(db, id, expectedVersion);
            requireAnswerable(q, today);
            try (PreparedStatement s =
                    db.prepareStatement("select number from quote where opportunity_id = ? and status = 'ACCEPTED'")) {
                s.setObject(1, q.opportunityId());
                String other = one(s, rs -> rs.getString(1));
                if (other != null) {
                    throw new Refused(
                            "INVALID_TRANSITION", "input.id", "quote " + other + " of this opportunity is accepted");
                }
            }
            setStatus(db, id, Quote.ACCEPTED, "decided_at = now()");
            Quote accepted = touch(db, id);
            step.run(accepted, lines(db, id));
            return accepted;
        });
    }

    Quote reject(UUID id, int expectedVersion, String reason, LocalDate today) throws SQLException, Refused {
        return database.inTransaction(db -> {
            Quote q = lock(db, id, expectedVersion);
            requireAnswerable(q, today);
            try (PreparedStatement s = db.prepareStatement(
                    "update quote set status = 'REJECTED', reject_reason = ?, decided_at = now()" + " where id = ?")) {
                s.setString(1, reason);
                s.setObject(2, id);
                s.executeUpdate();
            }
            return touch(db, id);
        });
    }

    private static void requireAnswerable(Quote q, LocalDate today) throws Refused {
        if (!Quote.SENT.equals(q.status())) {
            throw new Refused(
                    "INVALID_TRANSITION",
                    "input.id",
                    "only a sent quote is accepted or rejected; " + q.label() + " is " + q.status());
        }
        if (q.validUntil().isBefore(today)) {
            throw new Refused(
                    "INVALID_TRANSITION", "input.id", q.label() + " expired on " + q.validUntil() + "; revise it");
        }
    }

    /**
     * Marks the sent quotes valid until before today expired, and returns them. One statement: when several servers
     * sweep at once, each quote is expired (and announced) by exactly one of them.
     */
    List<Quote> expire(LocalDate today) throws SQLException {
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement("update quote set status = 'EXPIRED', decided_at = now(),"
                        + " version = version + 1, updated_at = now() where status = 'SENT' and valid_until < ?"
                        + " returning " + QUOTE)) {
            s.setObject(1, today);
            return all(s, QuoteStore::quote);
        }
    }

    // --- helpers ---

    private static Quote lockDraft(Connection db, UUID id, int expectedVersion) throws SQLException, Refused {
        Quote q = lock(db, id, expectedVersion);
        if (!Quote.DRAFT.equals(q.status())) {
            throw new Refused(
                    "INVALID_TRANSITION",
                    "input.id",
                    q.label() + " is " + q.status() + ": only a draft changes; revise it for a new draft");
        }
        return q;
    }

    private static Quote lock(Connection db, UUID id, int expectedVersion) throws SQLException, Refused {
        Quote q;
        try (PreparedStatement s = db.prepareStatement("select " + QUOTE + " from quote where id = ? for update")) {
            s.setObject(1, id);
            q = one(s, QuoteStore::quote);
        }
        if (q == null) {
            throw new Refused("NOT_FOUND", "input.id", "no such quote");
        }
        if (q.version() != expectedVersion) {
            throw new Refused(
                    "VERSION_CONFLICT",
                    "input.expectedVersion",
                    "the quote was changed meanwhile (version " + q.version() + "); reload it");
        }
        return q;
    }

    private static void setStatus(Connection db, UUID id, String status, String alsoSet) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "update quote set status = ?" + (alsoSet == null ? "" : ", " + alsoSet) + " where id = ?")) {
            s.setString(1, status);
            s.setObject(2, id);
            s.executeUpdate();
        }
    }

    /** Counts the change: version + 1, updated now; the quote as it is then. */
    private static Quote touch(Connection db, UUID id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "update quote set version = version + 1, updated_at = now()" + " where id = ? returning " + QUOTE)) {
            s.setObject(1, id);
            return one(s, QuoteStore::quote);
        }
    }

    private static Quote withNewId(Quote q, LocalDate validFromToday) {
        return new Quote(
                UUID.randomUUID(),
                q.number(),
                q.revision(),
                q.opportunityId(),
                q.accountId(),
                q.contactId(),
                q.ownerId(),
                q.priceListId(),
                q.currency(),
                Quote.DRAFT,
                q.validUntil().isBefore(LocalDate.now()) ? validFromToday : q.validUntil(),
                q.language(),
                q.customerAddress(),
                q.contactName(),
                q.subject(),
                q.introduction(),
                q.terms(),
                q.discountPercent(),
                q.template(),
                null,
                null,
                null,
                q.createdBy(),
                1,
                null,
                null);
    }

    private static QuoteLine withNewId(QuoteLine l, UUID quoteId) {
        return new QuoteLine(
                UUID.randomUUID(),
                quoteId,
                l.position(),
                l.productId(),
                l.sku(),
                l.name(),
                l.description(),
                l.quantity(),
                l.unit(),
                l.unitPrice(),
                l.discountPercent(),
                l.taxRate(),
                l.optional());
    }

    /** The totals of several quotes at once: their lines, by quote. */
    Map<UUID, List<QuoteLine>> lines(Collection<UUID> quoteIds) throws SQLException {
        Map<UUID, List<QuoteLine>> byQuote = new LinkedHashMap<>();
        quoteIds.forEach(id -> byQuote.put(id, new java.util.ArrayList<>()));
        if (quoteIds.isEmpty()) {
            return byQuote;
        }
        try (Connection db = database.connection();
                PreparedStatement s = db.prepareStatement(
                        "select " + LINE + " from quote_line where quote_id = any(?) order by quote_id, position")) {
            s.setArray(1, db.createArrayOf("uuid", quoteIds.toArray()));
            for (QuoteLine l : all(s, QuoteStore::line)) {
                byQuote.get(l.quoteId()).add(l);
            }
        }
        return byQuote;
    }

    private static Quote quote(ResultSet rs) throws SQLException {
        return new Quote(
                rs.getObject("id", UUID.class),
                rs.getString("number"),
                rs.getInt("revision"),
                rs.getObject("opportunity_id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getObject("price_list_id", UUID.class),
                rs.getString("currency"),
                rs.getString("status"),
                rs.getObject("valid_until", LocalDate.class),
                rs.getString("language"),
                rs.getString("customer_address"),
                rs.getString("contact_name"),
                rs.getString("subject"),
                rs.getString("introduction"),
                rs.getString("terms"),
                rs.getBigDecimal("discount_percent"),
                rs.getString("template"),
                rs.getString("reject_reason"),
                instant(rs.getTimestamp("sent_at")),
                instant(rs.getTimestamp("decided_at")),
                rs.getString("created_by"),
                rs.getInt("version"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static QuoteLine line(ResultSet rs) throws SQLException {
        return new QuoteLine(
                rs.getObject("id", UUID.class),
                rs.getObject("quote_id", UUID.class),
                rs.getInt("position"),
                rs.getObject("product_id", UUID.class),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getBigDecimal("quantity").stripTrailingZeros(),
                rs.getString("unit"),
                rs.getBigDecimal("unit_price"),
                rs.getBigDecimal("discount_percent").stripTrailingZeros(),
                rs.getBigDecimal("tax_rate").stripTrailingZeros(),
                rs.getBoolean("optional"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}

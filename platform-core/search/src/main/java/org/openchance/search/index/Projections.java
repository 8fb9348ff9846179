package org.openchance.search.index;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.search.text.TextAnalysis;

/**
 * Reads the search documents from PostgreSQL, the source of truth: by id (for the indexer) or in id order (for a
 * rebuild). One statement per type and batch, whatever the number of records.
 */
public final class Projections {

    /** Everyone may see a record without an owner; the visibility filter always admits this value. */
    public static final String EVERYONE = "*";

    private static final String OPPORTUNITIES = """
            select o.id, o.version + a.version as doc_version, o.deleted_at is not null as deleted,
                   o.name, o.description, a.name as account_name, a.industry, o.account_id, o.owner_id, o.stage_id,
                   o.status, o.amount, o.amount_currency, o.expected_close_date,
                   array(select t.user_id::text from opportunity_team_member t where t.opportunity_id = o.id) as team
            from opportunity o join account a on a.id = o.account_id""";

    private static final String ACCOUNTS = """
            select a.id, a.version as doc_version, a.deleted_at is not null as deleted,
                   a.name, a.industry, a.country, a.website, a.owner_id
            from account a""";

    private static final String CONTACTS = """
            select c.id, c.version + coalesce(a.version, 0) as doc_version, c.deleted_at is not null as deleted,
                   c.first_name, c.last_name, c.title, c.email, c.account_id, a.name as account_name, a.owner_id
            from contact c left join account a on a.id = c.account_id""";

    private static final String ACTIVITIES = """
            select x.id, x.version + coalesce(o.version, 0) + a.version as doc_version,
                   x.deleted_at is not null or o.deleted_at is not null as deleted,
                   x.type as activity_type, x.subject, x.body, x.outcome, x.occurred_at, x.author_id,
                   x.account_id, x.opportunity_id,
                   coalesce(o.owner_id, a.owner_id) as owner_id,
                   array(select t.user_id::text from opportunity_team_member t where t.opportunity_id = x.opportunity_id) as team
            from activity x join account a on a.id = x.account_id left join opportunity o on o.id = x.opportunity_id""";

    private Projections() {
    }

    /** The documents of these ids that exist in PostgreSQL (soft-deleted ones flagged {@code deleted}). */
    public static List<SearchDocument> load(Connection db, DocType type, Collection<UUID> ids) throws SQLException {
        String alias = alias(type);
        try (PreparedStatement s = db.prepareStatement(select(type) + " where " + alias + ".id = any(?)")) {
            s.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            return read(type, s);
        }
    }

    /** Up to {@code limit} documents with ids after {@code after} (null: from the start), in id order. */
    public static List<SearchDocument> page(Connection db, DocType type, UUID after, int limit) throws SQLException {
        String alias = alias(type);
        String sql = select(type) + (after == null ? "" : " where " + alias + ".id > ?") + " order by " + alias
                + ".id limit " + limit;
        try (PreparedStatement s = db.prepareStatement(sql)) {
            if (after != null) {
                s.setObject(1, after);
            }
            return read(type, s);
        }
    }

    /** How many records of the type there are (for a progress bar). */
    public static long count(Connection db, DocType type) throws SQLException {
        String table = switch (type) {
            case OPPORTUNITY -> "opportunity";
            case ACCOUNT -> "account";
            case CONTACT -> "contact";
            case ACTIVITY -> "activity";
        };
        try (PreparedStatement s = db.prepareStatement("select count(*) from " + table); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String select(DocType type) {
        return switch (type) {
            case OPPORTUNITY -> OPPORTUNITIES;
            case ACCOUNT -> ACCOUNTS;
            case CONTACT -> CONTACTS;
            case ACTIVITY -> ACTIVITIES;
        };
    }

    private static String alias(DocType type) {
        return switch (type) {
            case OPPORTUNITY -> "o";
            case ACCOUNT -> "a";
            case CONTACT -> "c";
            case ACTIVITY -> "x";
        };
    }

    private static List<SearchDocument> read(DocType type, PreparedStatement s) throws SQLException {
        List<SearchDocument> docs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject("id", UUID.class);
                long version = rs.getLong("doc_version");
                docs.add(rs.getBoolean("deleted") ? new SearchDocument(type, id, version, true, null)
                        : new SearchDocument(type, id, version, false, source(type, id, rs)));
            }
        }
        return docs;
    }

    private static Map<String, Object> source(DocType type, UUID id, ResultSet rs) throws SQLException {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> original = new LinkedHashMap<>();
        doc.put("id", id.toString());
        doc.put("type", type.key());
        switch (type) {
            case OPPORTUNITY -> {
                original.put("name", rs.getString("name"));
                original.put("accountName", rs.getString("account_name"));
                original.put("description", rs.getString("description"));
                text(doc, "names", rs.getString("name"), rs.getString("account_name"));
                text(doc, "body", rs.getString("description"));
                doc.put("owner_id", rs.getString("owner_id"));
                doc.put("visible_to", visibleTo(rs.getString("owner_id"), rs.getArray("team")));
                doc.put("account_id", rs.getString("account_id"));
                doc.put("stage_id", rs.getString("stage_id"));
                doc.put("status", rs.getString("status"));
                doc.put("industry", rs.getString("industry"));
                doc.put("amount", rs.getBigDecimal("amount"));
                doc.put("currency", rs.getString("amount_currency"));
                doc.put("close_date", rs.getString("expected_close_date"));
            }
            case ACCOUNT -> {
                original.put("name", rs.getString("name"));
                original.put("industry", rs.getString("industry"));
                text(doc, "names", rs.getString("name"));
                text(doc, "body", rs.getString("industry"), rs.getString("country"), rs.getString("website"));
                doc.put("owner_id", rs.getString("owner_id"));
                doc.put("visible_to", visibleTo(rs.getString("owner_id"), null));
                doc.put("industry", rs.getString("industry"));
            }
            case CONTACT -> {
                original.put("name", fullName(rs.getString("first_name"), rs.getString("last_name")));
                original.put("title", rs.getString("title"));
                original.put("accountName", rs.getString("account_name"));
                text(doc, "names", rs.getString("first_name"), rs.getString("last_name"));
                text(doc, "body", rs.getString("title"), rs.getString("email"), rs.getString("account_name"));
                doc.put("owner_id", rs.getString("owner_id"));
                doc.put("visible_to", visibleTo(rs.getString("owner_id"), null));
                doc.put("account_id", rs.getString("account_id"));
            }
            case ACTIVITY -> {
                original.put("subject", rs.getString("subject"));
                original.put("body", rs.getString("body"));
                original.put("outcome", rs.getString("outcome"));
                text(doc, "names", rs.getString("subject"));
                text(doc, "body", rs.getString("body"), rs.getString("outcome"));
                doc.put("owner_id", rs.getString("author_id"));
                doc.put("visible_to", visibleTo(rs.getString("owner_id"), rs.getArray("team")));
                doc.put("account_id", rs.getString("account_id"));
                doc.put("opportunity_id", rs.getString("opportunity_id"));
                doc.put("activity_type", rs.getString("activity_type"));
                Timestamp occurred = rs.getTimestamp("occurred_at");
                doc.put("occurred_at", occurred == null ? null : occurred.toInstant().toString());
            }
        }
        original.values().removeIf(v -> v == null);
        doc.put("original", original);
        doc.values().removeIf(v -> v == null);
        return doc;
    }

    /**
     * Fills {@code <field>} (stems) and {@code <field>_exact} (exact words) from the given texts, one array value
     * each: Elasticsearch leaves a position gap between values, so a phrase never spans two of them.
     */
    private static void text(Map<String, Object> doc, String field, String... texts) {
        List<String> stems = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                stems.add(TextAnalysis.stems(text));
                exact.add(TextAnalysis.exact(text));
            }
        }
        doc.put(field, stems);
        doc.put(field + "_exact", exact);
    }

    private static String fullName(String first, String last) {
        return first == null || first.isBlank() ? last : first + " " + last;
    }

    private static List<String> visibleTo(String owner, Array team) throws SQLException {
        Set<String> users = new LinkedHashSet<>();
        if (owner != null) {
            users.add(owner);
        }
        if (team != null) {
            for (Object member : (Object[]) team.getArray()) {
                users.add((String) member);
            }
        }
        return users.isEmpty() ? List.of(EVERYONE) : List.copyOf(users);
    }
}

package org.openchance.search.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openchance.search.text.TextAnalysis;
import org.openchance.store.search.SearchSources;
import org.openchance.store.search.SourceRow;
import org.openchance.store.search.SourceType;

/** The search documents of records as the store reads them ({@link SearchSources}): text analysed, visibility listed. */
public final class Projections {

    /** Everyone may see a record without an owner; the visibility filter always admits this value. */
    public static final String EVERYONE = "*";

    private Projections() {}

    /** The store's type of records of this document type. */
    public static SourceType sourceOf(DocType type) {
        return SourceType.valueOf(type.name());
    }

    /** The document of a row as the store read it (a soft-deleted one flagged {@code deleted}, without a source). */
    public static SearchDocument document(SourceRow row) {
        DocType type = DocType.valueOf(row.type().name());
        return row.deleted()
                ? new SearchDocument(type, row.id(), row.version(), true, null)
                : new SearchDocument(type, row.id(), row.version(), false, source(type, row));
    }

    private static Map<String, Object> source(DocType type, SourceRow row) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> original = new LinkedHashMap<>();
        doc.put("id", row.id().toString());
        doc.put("type", type.key());
        switch (type) {
            case OPPORTUNITY -> {
                original.put("name", row.text("name"));
                original.put("accountName", row.text("account_name"));
                original.put("description", row.text("description"));
                text(doc, "names", row.text("name"), row.text("account_name"));
                text(doc, "body", row.text("description"));
                doc.put("owner_id", row.text("owner_id"));
                doc.put("visible_to", visibleTo(row.text("owner_id"), row.texts("team")));
                doc.put("account_id", row.text("account_id"));
                doc.put("stage_id", row.text("stage_id"));
                doc.put("status", row.text("status"));
                doc.put("industry", row.text("industry"));
                doc.put("amount", row.decimal("amount"));
                doc.put("currency", row.text("amount_currency"));
                doc.put("close_date", row.text("expected_close_date"));
            }
            case ACCOUNT -> {
                original.put("name", row.text("name"));
                original.put("industry", row.text("industry"));
                text(doc, "names", row.text("name"));
                text(doc, "body", row.text("industry"), row.text("country"), row.text("website"));
                doc.put("owner_id", row.text("owner_id"));
                doc.put("visible_to", accountReaders(row.text("owner_id"), row.texts("deal_readers")));
                doc.put("industry", row.text("industry"));
            }
            case CONTACT -> {
                original.put("name", fullName(row.text("first_name"), row.text("last_name")));
                original.put("title", row.text("title"));
                original.put("accountName", row.text("account_name"));
                text(doc, "names", row.text("first_name"), row.text("last_name"));
                text(doc, "body", row.text("title"), row.text("email"), row.text("account_name"));
                doc.put("owner_id", row.text("owner_id"));
                doc.put("visible_to", accountReaders(row.text("owner_id"), row.texts("deal_readers")));
                doc.put("account_id", row.text("account_id"));
            }
            case ACTIVITY -> {
                original.put("subject", row.text("subject"));
                original.put("body", row.text("body"));
                original.put("outcome", row.text("outcome"));
                text(doc, "names", row.text("subject"));
                text(doc, "body", row.text("body"), row.text("outcome"));
                doc.put("owner_id", row.text("author_id"));
                doc.put(
                        "visible_to",
                        row.text("opportunity_id") == null // an account's own: read like the account
                                ? accountReaders(row.text("owner_id"), row.texts("deal_readers"))
                                : visibleTo(row.text("owner_id"), row.texts("team")));
                doc.put("account_id", row.text("account_id"));
                doc.put("opportunity_id", row.text("opportunity_id"));
                doc.put("activity_type", row.text("activity_type"));
                Instant occurred = row.instant("occurred_at");
                doc.put("occurred_at", occurred == null ? null : occurred.toString());
            }
        }
        original.values().removeIf(v -> v == null);
        doc.put("original", original);
        doc.values().removeIf(v -> v == null);
        return doc;
    }

    /**
     * Fills {@code <field>} (stems) and {@code <field>_exact} (exact words) from the given texts, one array value
     * each: Elasticsearch leaves a position gap between values, so a phrase never spans two of them. The texts'
     * compound parts and sound codes go to {@code parts} and {@code sounds}, shared by names and body.
     */
    private static void text(Map<String, Object> doc, String field, String... texts) {
        List<String> stems = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                TextAnalysis.Forms forms = TextAnalysis.forms(text);
                stems.add(forms.stems());
                exact.add(forms.exact());
                add(doc, "parts", forms.parts());
                add(doc, "sounds", forms.sounds());
            }
        }
        doc.put(field, stems);
        doc.put(field + "_exact", exact);
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> doc, String field, String words) {
        if (!words.isEmpty()) {
            ((List<String>) doc.computeIfAbsent(field, f -> new ArrayList<String>())).add(words);
        }
    }

    private static String fullName(String first, String last) {
        return first == null || first.isBlank() ? last : first + " " + last;
    }

    /**
     * Who reads an account's record: its owner (everyone if it has none, or if the record has no account), and those
     * who read it through its deals ({@link SearchSources#WITH_DEALS} among them).
     */
    private static List<String> accountReaders(String owner, List<String> dealReaders) {
        Set<String> readers = new LinkedHashSet<>();
        readers.add(owner == null ? EVERYONE : owner);
        readers.addAll(dealReaders);
        return List.copyOf(readers);
    }

    private static List<String> visibleTo(String owner, List<String> team) {
        Set<String> users = new LinkedHashSet<>();
        if (owner != null) {
            users.add(owner);
        }
        users.addAll(team);
        return users.isEmpty() ? List.of(EVERYONE) : List.copyOf(users);
    }
}

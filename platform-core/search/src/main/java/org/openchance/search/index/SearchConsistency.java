package org.openchance.search.index;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openchance.search.SearchConnection;
import org.openchance.search.SearchUnavailableException;
import org.openchance.store.search.SearchSources;
import org.openchance.store.search.SourceRow;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares each index with PostgreSQL, record by record, and repairs what differs: a live record without its document
 * (missing), a document that is not the record's projection now (stale: another version of an opportunity, or other
 * content, who may see it included), a document of a record deleted or gone (extra). Both sides are read in id order
 * and merged (PostgreSQL's uuid order is the order of the ids as text, which the index sorts by), a page at a time, so
 * a check reads each side once. A record written during the check may differ for a moment: what differs is read again
 * after a pause, and only what still differs is reported.
 */
public final class SearchConsistency {

    /** What one index holds against its table. {@code examples}: up to ten records that differ. */
    public record TypeReport(
            DocType type, long records, long documents, long missing, long stale, long extra, List<UUID> examples) {

        public boolean consistent() {
            return missing + stale + extra == 0;
        }
    }

    public record Report(Instant checkedAt, List<TypeReport> types) {

        public boolean consistent() {
            return types.stream().allMatch(TypeReport::consistent);
        }
    }

    /** A repair: what differed, how many documents were written or removed, and what differs after. */
    public record Repair(Report before, long repaired, Report after) {}

    private enum Difference {
        MISSING,
        STALE,
        /** Stale, and of a version above its record's: only a rebuild replaces it. */
        AHEAD,
        EXTRA
    }

    private record Doc(UUID id, long version, Map<?, ?> source) {}

    private static final int PAGE = 1_000;
    private static final int EXAMPLES = 10;
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** Compares sources as JSON reads them (a decimal as PostgreSQL gives it and as the index returns it compare equal). */
    private static final JsonMapper JSON = JsonMapper.shared();

    private final SearchConnection connection;
    private final SearchIndices indices;
    private final SearchIndexer indexer;
    private final Reindexer reindexer;
    private final SearchSources sources;
    private final Clock clock;

    public SearchConsistency(
            SearchConnection connection,
            SearchIndices indices,
            SearchIndexer indexer,
            Reindexer reindexer,
            SearchSources sources,
            Clock clock) {
        this.connection = connection;
        this.indices = indices;
        this.indexer = indexer;
        this.reindexer = reindexer;
        this.sources = sources;
        this.clock = clock;
    }

    /**
     * Checks the indices of these types (all when empty).
     *
     * @throws SearchUnavailableException when Elasticsearch cannot be read
     */
    public Report check(Collection<DocType> types) throws SQLException {
        Instant at = clock.instant();
        List<TypeReport> reports = new ArrayList<>();
        for (DocType type : chosen(types)) {
            reports.add(report(type, differences(type)));
        }
        return new Report(at, reports);
    }

    /**
     * Checks the indices of these types (all when empty), writes (or removes) the documents of the records that
     * differ, and checks again; one repair at a time across servers. An index holding a document of a version above
     * its record's (restored from a later backup, say) is rebuilt instead: the record's version cannot replace it, and
     * a removed document leaves a marker of its version behind for a while.
     *
     * @return empty when a repair runs already (on this server or another): it is not waited for
     */
    public Optional<Repair> repair(Collection<DocType> types) throws IOException, SQLException {
        return sources.ifUnlocked("openchance-search-repair", () -> repairLocked(chosen(types)));
    }

    private Repair repairLocked(List<DocType> types) throws IOException, SQLException {
        Instant at = clock.instant();
        List<TypeReport> before = new ArrayList<>();
        for (DocType type : types) {
            Scan scan = differences(type);
            before.add(report(type, scan));
            if (scan.differences.containsValue(Difference.AHEAD)) {
                reindexer.rebuild(List.of(type), progress -> {});
                continue;
            }
            List<UUID> differing = List.copyOf(scan.differences.keySet());
            for (int from = 0; from < differing.size(); from += pageSize(type)) {
                List<UUID> chunk = differing.subList(from, Math.min(differing.size(), from + pageSize(type)));
                Map<DocRef, String> failed = indexer.index(
                        chunk.stream().map(id -> new DocRef(type, id)).toList());
                if (!failed.isEmpty()) {
                    throw new SearchUnavailableException(
                            failed.size() + " documents could not be written, e.g. "
                                    + failed.values().iterator().next(),
                            null);
                }
            }
        }
        Report after = check(types);
        long repaired = 0; // what differed before and does not now
        for (int i = 0; i < before.size(); i++) {
            repaired += Math.max(
                    0, differing(before.get(i)) - differing(after.types().get(i)));
        }
        return new Repair(new Report(at, before), repaired, after);
    }

    private static long differing(TypeReport report) {
        return report.missing() + report.stale() + report.extra();
    }

    private static List<DocType> chosen(Collection<DocType> types) {
        return types == null || types.isEmpty()
                ? List.of(DocType.values())
                : List.of(DocType.values()).stream().filter(types::contains).toList();
    }

    private record Scan(long records, long documents, Map<UUID, Difference> differences) {}

    private static TypeReport report(DocType type, Scan scan) {
        Map<Difference, Long> counts = new HashMap<>();
        scan.differences.values().forEach(d -> counts.merge(d, 1L, Long::sum));
        return new TypeReport(
                type,
                scan.records,
                scan.documents,
                counts.getOrDefault(Difference.MISSING, 0L),
                counts.getOrDefault(Difference.STALE, 0L) + counts.getOrDefault(Difference.AHEAD, 0L),
                counts.getOrDefault(Difference.EXTRA, 0L),
                scan.differences.keySet().stream().limit(EXAMPLES).toList());
    }

    /** Merges the table and the index in id order; what differs is looked at again after a pause. */
    private Scan differences(DocType type) throws SQLException {
        String alias = indices.alias(type);
        Map<UUID, Difference> found = new LinkedHashMap<>();
        long records = 0;
        long documents = 0;
        int page = pageSize(type);
        Pages<SourceRow> rows =
                new Pages<>(after -> sources.page(Projections.sourceOf(type), after, page), SourceRow::id, page);
        Pages<Doc> docs = new Pages<>(after -> documentsAfter(alias, after, page), Doc::id, page);
        while (rows.peek() != null || docs.peek() != null) {
            SourceRow row = rows.peek();
            Doc doc = docs.peek();
            int order = row == null
                    ? 1
                    : doc == null ? -1 : row.id().toString().compareTo(doc.id().toString());
            if (order <= 0) {
                rows.next();
                records += row.deleted() ? 0 : 1;
            }
            if (order >= 0) {
                docs.next();
                documents++;
            }
            Difference difference = compare(type, order <= 0 ? row : null, order >= 0 ? doc : null);
            if (difference != null) {
                found.put(order <= 0 ? row.id() : doc.id(), difference);
            }
        }
        if (!found.isEmpty()) {
            pause();
            found = recheck(type, found.keySet());
        }
        return new Scan(records, documents, found);
    }

    /** Reads these records and their documents again (a document by id: real time, no refresh needed). */
    private Map<UUID, Difference> recheck(DocType type, Collection<UUID> ids) throws SQLException {
        Map<UUID, Difference> left = new LinkedHashMap<>();
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += pageSize(type)) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + pageSize(type)));
            Map<UUID, SourceRow> rows = new HashMap<>();
            sources.load(Map.of(Projections.sourceOf(type), chunk)).rows().forEach(r -> rows.put(r.id(), r));
            Map<UUID, Doc> docs = documents(indices.alias(type), chunk);
            for (UUID id : chunk) {
                Difference difference = compare(type, rows.get(id), docs.get(id));
                if (difference != null) {
                    left.put(id, difference);
                }
            }
        }
        return left;
    }

    private static Difference compare(DocType type, SourceRow row, Doc doc) {
        boolean live = row != null && !row.deleted();
        if (!live) {
            return doc == null ? null : Difference.EXTRA;
        }
        if (doc == null) {
            return Difference.MISSING;
        }
        if (type == DocType.OPPORTUNITY && doc.version() != row.version()) { // the others': read times
            return doc.version() > row.version() ? Difference.AHEAD : Difference.STALE;
        }
        return comparable(Projections.document(row).source()).equals(comparable(doc.source()))
                ? null
                : Difference.STALE;
    }

    /** A source as JSON reads it back, with who may see it as a set (PostgreSQL lists them in no fixed order). */
    private static Map<?, ?> comparable(Map<?, ?> source) {
        Map<String, Object> read = new HashMap<>(JSON.readValue(JSON.writeValueAsString(source), Map.class));
        if (read.get("visible_to") instanceof List<?> readers) {
            read.put(
                    "visible_to", readers.stream().map(String::valueOf).sorted().toList());
        }
        return read;
    }

    /** Fewer activities a page: their texts are the longest (a note of 100,000 characters is held four times). */
    private static int pageSize(DocType type) {
        return type == DocType.ACTIVITY ? PAGE / 5 : PAGE;
    }

    private List<Doc> documentsAfter(String alias, UUID after, int size) {
        SearchResponse<Map> response = call(() -> connection
                .client()
                .search(
                        s -> {
                            // a page short of a failed shard would look like the end: refused instead
                            s.index(alias)
                                    .size(size)
                                    .version(true)
                                    .allowPartialSearchResults(false)
                                    .trackTotalHits(t -> t.enabled(false))
                                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                            if (after != null) {
                                s.searchAfter(FieldValue.of(
                                        after.toString())); // the sort value: the id field, as the last hit had
                            }
                            return s;
                        },
                        Map.class));
        if (Boolean.TRUE.equals(response.timedOut())
                || response.shards().failed().intValue() > 0) {
            throw new SearchUnavailableException("Elasticsearch answered " + alias + " in part only", null);
        }
        List<Doc> docs = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            docs.add(new Doc(UUID.fromString(hit.id()), Objects.requireNonNullElse(hit.version(), 0L), hit.source()));
        }
        return docs;
    }

    private Map<UUID, Doc> documents(String alias, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        MgetResponse<Map> response = call(() -> connection
                .client()
                .mget(m -> m.index(alias).ids(ids.stream().map(UUID::toString).toList()), Map.class));
        Map<UUID, Doc> docs = new HashMap<>();
        for (MultiGetResponseItem<Map> item : response.docs()) {
            if (item.isFailure()) {
                throw new SearchUnavailableException(
                        "Elasticsearch could not read " + item.failure().id() + ": "
                                + item.failure().error().reason(),
                        null);
            }
            GetResult<Map> result = item.result();
            if (result.found()) {
                docs.put(
                        UUID.fromString(result.id()),
                        new Doc(
                                UUID.fromString(result.id()),
                                Objects.requireNonNullElse(result.version(), 0L),
                                result.source()));
            }
        }
        return docs;
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Elasticsearch could not be read: " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One side read a page at a time, in id order. */
    private static final class Pages<T> {

        private interface Reader<T> {
            List<T> after(UUID last) throws SQLException;
        }

        private final Reader<T> reader;
        private final java.util.function.Function<T, UUID> id;
        private final int size;
        private List<T> page = List.of();
        private int next;
        private boolean done;
        private UUID last;

        Pages(Reader<T> reader, java.util.function.Function<T, UUID> id, int size) {
            this.reader = reader;
            this.id = id;
            this.size = size;
        }

        T peek() throws SQLException {
            if (next == page.size() && !done) {
                page = reader.after(last);
                next = 0;
                done = page.size() < size;
                if (!page.isEmpty()) {
                    last = id.apply(page.get(page.size() - 1));
                }
            }
            return next < page.size() ? page.get(next) : null;
        }

        void next() {
            next++;
        }
    }
}

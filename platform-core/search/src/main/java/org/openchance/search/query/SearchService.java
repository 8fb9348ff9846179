package org.openchance.search.query;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonpUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.search.SearchConnection;
import org.openchance.search.SearchUnavailableException;
import org.openchance.search.index.DocType;
import org.openchance.search.text.TextAnalysis;
import org.openchance.search.text.TextAnalysis.Token;
import org.openchance.store.money.AmountBound;

/**
 * Turns a {@link SearchRequest} into one Elasticsearch query: every word must match the names (weighted higher)
 * or the body, by stem and within typo distance, or a part of a compound word, or (when nothing else matched) a
 * word that sounds alike; the word being typed also as a prefix of a name (and, when nothing else matched, of any
 * word); quoted phrases as phrases. Filters and visibility restrict hits and facet counts alike. Pages go by
 * {@code search_after} on (score, id), never by offset.
 */
public final class SearchService {

    public static final int MAX_QUERY_LENGTH = 200;

    private static final float NAME_BOOST = 3f;
    /**
     * What a match on something other than a whole word scores: a constant, in this order, below what BM25 gives a
     * whole word in a body for all but the commonest words (about 0.05 for a word in nine of ten notes), so whole
     * words rank first. A prefix of a word in a body, then a part of a compound word, then a word that sounds alike.
     */
    private static final float BODY_PREFIX_SCORE = 0.03f;

    private static final float PART_SCORE = 0.02f;
    private static final float SOUND_SCORE = 0.005f;
    private static final int MIN_PREFIX = 2;
    /** Two or three letters would match (and count, and facet) nearly every note. */
    private static final int MIN_BODY_PREFIX = 4;

    private static final List<String> SOURCE_FIELDS = List.of("type", "original");
    private static final double[] AMOUNT_BANDS = {10_000, 50_000, 100_000, 500_000};

    private final SearchConnection connection;

    public SearchService(SearchConnection connection) {
        this.connection = connection;
    }

    /**
     * Exact words first (stems, parts of compound words, the word being typed as a prefix of a name); only when that
     * finds nothing, again forgiving typos, taking words that sound alike and the word being typed as a prefix of any
     * word in a description or note. Most queries are spelled right, and fuzzy matching costs the cluster several
     * times as much. A page after the first keeps the mode of the first (it is in the cursor).
     */
    public SearchResults search(SearchRequest request) {
        QueryText text = QueryText.parse(request.text());
        boolean fuzzy =
                request.after() != null && Cursor.decode(request.after()).fuzzy();
        SearchResponse<Map> response = execute(elasticsearchRequest(request, text, fuzzy));
        if (!fuzzy && request.after() == null && !text.words().isEmpty() && total(response) == 0) {
            fuzzy = true;
            response = execute(elasticsearchRequest(request, text, true));
        }
        Highlighter highlighter = request.highlights() ? new Highlighter(text, fuzzy) : null;
        List<SearchResults.Hit> hits = new ArrayList<>();
        List<Hit<Map>> page = response.hits().hits();
        for (int i = 0; i < Math.min(page.size(), request.first()); i++) {
            Hit<Map> hit = page.get(i);
            double score = hit.score() == null ? 0 : hit.score();
            hits.add(new SearchResults.Hit(
                    DocType.ofKey((String) hit.source().get("type")),
                    UUID.fromString(hit.id()),
                    score,
                    highlighter == null ? Map.of() : highlights(highlighter, hit.source()),
                    new Cursor(score, hit.id(), fuzzy).encode()));
        }
        return new SearchResults(
                hits,
                total(response),
                page.size() > request.first(),
                request.facets() ? facets(response.aggregations()) : Map.of());
    }

    private SearchResponse<Map> execute(co.elastic.clients.elasticsearch.core.SearchRequest search) {
        SearchResponse<Map> response;
        try {
            response = connection.queryClient().search(search, Map.class);
        } catch (ElasticsearchException e) {
            if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
                throw new IllegalStateException(
                        "Elasticsearch refused the query: " + e.getMessage() + " "
                                + e.error().rootCause().stream()
                                        .map(c -> c.type() + ": " + c.reason())
                                        .toList(),
                        e); // our bug
            }
            throw new SearchUnavailableException("Search is unavailable: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Search is unavailable: " + e.getMessage(), e);
        }
        if (Boolean.TRUE.equals(response.timedOut())) {
            throw new SearchUnavailableException("Search timed out", null);
        }
        return response;
    }

    private static long total(SearchResponse<Map> response) {
        return response.hits().total() == null
                ? response.hits().hits().size()
                : response.hits().total().value();
    }

    /** The indices (aliases) a request searches, comma-separated, as in a {@code /<indices>/_search} URL. */
    public String indices(SearchRequest request) {
        return String.join(",", indexList(request));
    }

    private List<String> indexList(SearchRequest request) {
        return (request.types().isEmpty() ? Set.of(DocType.values()) : request.types())
                .stream()
                        .sorted()
                        .map(type -> connection.index(type.indexName()))
                        .toList();
    }

    /** The body of the (first) {@code _search} request that {@link #search} sends: for benchmarks and diagnosis. */
    public String elasticsearchJson(SearchRequest request) {
        return JsonpUtils.toJsonString(
                elasticsearchRequest(request, QueryText.parse(request.text()), false),
                connection.queryClient()._jsonpMapper());
    }

    private co.elastic.clients.elasticsearch.core.SearchRequest elasticsearchRequest(
            SearchRequest request, QueryText text, boolean fuzzy) {
        Query query = query(text, request, fuzzy);
        List<String> indices = indexList(request);
        return co.elastic.clients.elasticsearch.core.SearchRequest.of(s -> {
            s.index(indices)
                    .query(query)
                    .size(request.first() + 1)
                    .trackTotalHits(t -> t.enabled(true))
                    .timeout("1s")
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .source(src -> src.filter(f -> f.includes(SOURCE_FIELDS)))
                    .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
            if (request.facets()) {
                s.aggregations(facets());
            }
            if (request.after() != null) {
                s.searchAfter(Cursor.decode(request.after()).values());
            }
            return s;
        });
    }

    private static Query query(QueryText text, SearchRequest request, boolean fuzzy) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        List<Token> words = text.words();
        for (int i = 0; i < words.size(); i++) {
            Token word = words.get(i);
            int index = i;
            boolean typing = text.lastWordIsPrefix() && i == words.size() - 1;
            bool.must(m -> m.bool(b -> {
                b.should(s -> s.match(
                        x -> fuzziness(x.field("names").query(word.stem()).boost(NAME_BOOST), fuzzy)));
                b.should(s -> s.match(x -> fuzziness(x.field("body").query(word.stem()), fuzzy)));
                b.should(s -> s.constantScore(
                        c -> c.filter(f -> f.term(t -> t.field("parts").value(word.stem())))
                                .boost(PART_SCORE)));
                // Prefixes of up to 5 letters are terms of their own (index_prefixes); a longer one reads the few
                // terms that start with it.
                if (typing && word.exact().length() >= MIN_PREFIX) {
                    b.should(s -> s.prefix(
                            x -> x.field("names_exact").value(word.exact()).boost(NAME_BOOST / 2)));
                }
                if (typing && fuzzy && word.exact().length() >= MIN_BODY_PREFIX) {
                    // with the second round only: a prefix matches many notes, which the first round would count
                    b.should(s -> s.prefix(
                            x -> x.field("body_exact").value(word.exact()).boost(BODY_PREFIX_SCORE)));
                }
                String spelling = text.spellings().get(index);
                if (fuzzy && !spelling.equals(word.exact())) { // "ae", "oe" or "ue" typed: maybe no umlaut meant
                    b.should(s -> s.match(
                            x -> fuzziness(x.field("names").query(spelling).boost(NAME_BOOST), true)));
                    b.should(s -> s.match(x -> fuzziness(x.field("body").query(spelling), true)));
                }
                List<String> sounds = fuzzy ? TextAnalysis.soundsOf(word.exact()) : List.of();
                if (!sounds.isEmpty()) {
                    // only once exact words found nothing: sound codes join many words that merely look alike
                    b.should(s -> s.constantScore(
                            c -> c.filter(terms("sounds", sounds)).boost(SOUND_SCORE)));
                }
                return b.minimumShouldMatch("1");
            }));
        }
        for (List<Token> phrase : text.phrases()) {
            String exact = String.join(" ", phrase.stream().map(Token::exact).toList());
            bool.must(m -> m.bool(b -> b.should(s -> s.matchPhrase(
                            x -> x.field("names_exact").query(exact).boost(NAME_BOOST)))
                    .should(s -> s.matchPhrase(x -> x.field("body_exact").query(exact)))
                    .minimumShouldMatch("1")));
        }
        if (!request.types().isEmpty()) {
            bool.filter(terms("type", request.types().stream().map(DocType::key).toList()));
        }
        Visibility visibility = request.visibility();
        if (!visibility.all()) {
            bool.filter(visible(visibility));
        }
        SearchFilter f = request.filter();
        addTerms(bool, "stage_id", f.stageIds());
        addTerms(bool, "owner_id", f.ownerIds());
        addTerms(bool, "status", f.statuses());
        addTerms(bool, "industry", f.industries());
        if (f.amountBounds() != null) {
            // Amounts are stored in their own currency: one range per currency, any of them (none: nothing matches).
            List<Query> ranges = new ArrayList<>();
            for (AmountBound b : f.amountBounds()) {
                Query range = Query.of(q -> q.range(r -> r.number(n -> {
                    n.field("amount");
                    if (b.min() != null) {
                        n.gte(b.min().doubleValue());
                    }
                    if (b.max() != null) {
                        n.lte(b.max().doubleValue());
                    }
                    return n;
                })));
                Query currency = Query.of(q -> q.term(t -> t.field("currency").value(b.currency())));
                ranges.add(Query.of(q -> q.bool(x -> x.filter(currency).filter(range))));
            }
            bool.filter(q -> q.bool(b -> b.should(ranges).minimumShouldMatch("1")));
        }
        if (f.closeDateFrom() != null || f.closeDateTo() != null) {
            bool.filter(q -> q.range(r -> r.date(d -> {
                d.field("close_date");
                if (f.closeDateFrom() != null) {
                    d.gte(f.closeDateFrom().toString());
                }
                if (f.closeDateTo() != null) {
                    d.lte(f.closeDateTo().toString());
                }
                return d;
            })));
        }
        if (text.isEmpty()) {
            bool.must(m -> m.matchAll(a -> a));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /** Typos: Elasticsearch's {@code AUTO} distance (0 up to 2 letters, 1 up to 5, else 2), the first letter fixed. */
    private static co.elastic.clients.elasticsearch._types.query_dsl.MatchQuery.Builder fuzziness(
            co.elastic.clients.elasticsearch._types.query_dsl.MatchQuery.Builder match, boolean fuzzy) {
        return fuzzy ? match.fuzziness("AUTO").prefixLength(1) : match;
    }

    private static void addTerms(BoolQuery.Builder bool, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            bool.filter(terms(field, values));
        }
    }

    /** The visibility rule as a filter: see {@link Visibility}. */
    private static Query visible(Visibility visibility) {
        Query dealDocs = Query.of(q -> q.bool(b -> b.should(terms("type", List.of(DocType.OPPORTUNITY.key())))
                .should(s -> s.bool(x -> x.filter(terms("type", List.of(DocType.ACTIVITY.key())))
                        .filter(e -> e.exists(f -> f.field("opportunity_id")))))
                .minimumShouldMatch("1")));
        Query accountDocs =
                Query.of(q -> q.bool(b -> b.should(terms("type", List.of(DocType.ACCOUNT.key(), DocType.CONTACT.key())))
                        .should(s -> s.bool(x -> x.filter(terms("type", List.of(DocType.ACTIVITY.key())))
                                .mustNot(e -> e.exists(f -> f.field("opportunity_id")))))
                        .minimumShouldMatch("1")));
        Query listed = terms("visible_to", List.copyOf(visibility.readers()));
        List<Query> ways = new ArrayList<>();
        ways.add(
                visibility.dealsOnly()
                        ? Query.of(q -> q.bool(b -> b.filter(listed).filter(dealDocs)))
                        : listed);
        if (visibility.everyDeal()) {
            ways.add(dealDocs);
        }
        if (visibility.everyAccount()) {
            ways.add(accountDocs);
        }
        return Query.of(q -> q.bool(b -> b.should(ways).minimumShouldMatch("1")));
    }

    private static Query terms(String field, List<String> values) {
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
    }

    private static Map<String, Aggregation> facets() {
        Map<String, Aggregation> facets = new LinkedHashMap<>();
        facets.put("type", Aggregation.of(a -> a.terms(t -> t.field("type").size(10))));
        facets.put("stage", Aggregation.of(a -> a.terms(t -> t.field("stage_id").size(50))));
        facets.put("owner", Aggregation.of(a -> a.terms(t -> t.field("owner_id").size(50))));
        facets.put(
                "industry", Aggregation.of(a -> a.terms(t -> t.field("industry").size(50))));
        facets.put("status", Aggregation.of(a -> a.terms(t -> t.field("status").size(10))));
        facets.put(
                "amount",
                Aggregation.of(a -> a.range(r -> {
                    r.field("amount");
                    double from = 0;
                    for (double to : AMOUNT_BANDS) {
                        double lower = from;
                        r.ranges(x -> x.key(band(lower, to)).from(lower).to(to));
                        from = to;
                    }
                    double last = from;
                    return r.ranges(x -> x.key(band(last, Double.NaN)).from(last));
                })));
        facets.put(
                "closeMonth",
                Aggregation.of(a -> a.dateHistogram(d -> d.field("close_date")
                        .calendarInterval(CalendarInterval.Month)
                        .format("yyyy-MM")
                        .minDocCount(1))));
        return facets;
    }

    /** "0-10000", ..., "500000-": lower bound included, upper excluded. */
    private static String band(double from, double to) {
        return (long) from + "-" + (Double.isNaN(to) ? "" : String.valueOf((long) to));
    }

    private static Map<String, List<SearchResults.Bucket>> facets(Map<String, Aggregate> aggregations) {
        Map<String, List<SearchResults.Bucket>> facets = new LinkedHashMap<>();
        aggregations.forEach((name, aggregate) -> {
            List<SearchResults.Bucket> buckets = new ArrayList<>();
            if (aggregate.isSterms()) {
                aggregate
                        .sterms()
                        .buckets()
                        .array()
                        .forEach(b ->
                                buckets.add(new SearchResults.Bucket(b.key().stringValue(), b.docCount())));
            } else if (aggregate.isRange()) {
                aggregate
                        .range()
                        .buckets()
                        .array()
                        .forEach(b -> buckets.add(new SearchResults.Bucket(b.key(), b.docCount())));
            } else if (aggregate.isDateHistogram()) {
                aggregate
                        .dateHistogram()
                        .buckets()
                        .array()
                        .forEach(b -> buckets.add(new SearchResults.Bucket(b.keyAsString(), b.docCount())));
            }
            facets.put(name, buckets);
        });
        return facets;
    }

    private static Map<String, String> highlights(Highlighter highlighter, Map<?, ?> source) {
        Map<String, String> highlights = new LinkedHashMap<>();
        if (source.get("original") instanceof Map<?, ?> original) {
            original.forEach((field, value) -> {
                String fragment = value instanceof String s ? highlighter.fragment(s) : null;
                if (fragment != null) {
                    highlights.put((String) field, fragment);
                }
            });
        }
        return highlights;
    }

    /** Where a page ended: the last hit's sort values, and whether the search forgave typos. Opaque to clients. */
    private record Cursor(double score, String id, boolean fuzzy) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((score + ":" + id + ":" + (fuzzy ? "f" : "e")).getBytes(StandardCharsets.UTF_8));
        }

        List<FieldValue> values() {
            return List.of(FieldValue.of(score), FieldValue.of(id));
        }

        /** @throws IllegalArgumentException when the cursor is not one of ours */
        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
                if (parts.length != 3 || !(parts[2].equals("f") || parts[2].equals("e"))) {
                    throw new IllegalArgumentException("three parts expected");
                }
                return new Cursor(
                        Double.parseDouble(parts[0]), UUID.fromString(parts[1]).toString(), parts[2].equals("f"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a search cursor: " + cursor, e);
            }
        }
    }

    /** Checks a cursor without searching (for input validation). */
    public static boolean isCursor(String cursor) {
        try {
            Cursor.decode(cursor);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

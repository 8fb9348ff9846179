package org.openchance.server.search;

import graphql.schema.DataFetchingFieldSelectionSet;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.search.index.DocType;
import org.openchance.search.query.SearchFilter;
import org.openchance.search.query.SearchRequest;
import org.openchance.search.query.SearchResults;
import org.openchance.search.query.SearchService;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.graphql.Connection.PageInfo;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.PageSize;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.money.CurrentRates;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.server.pipeline.Pipelines;
import org.openchance.server.user.RecordVisibility;
import org.openchance.store.activity.ActivityRepository;
import org.openchance.store.page.RowsById;
import org.openchance.store.pipeline.StageRow;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code search}: Elasticsearch finds and ranks, PostgreSQL supplies the records (one statement per type on the
 * page), so a hit always shows the record as it is now. A hit whose record is gone since it was indexed is left out.
 */
@Controller
class SearchController {

    record SearchFilterInput(
            List<String> stageIds,
            List<String> ownerIds,
            List<String> statuses,
            List<String> industries,
            BigDecimal amountMin,
            BigDecimal amountMax,
            LocalDate closeDateFrom,
            LocalDate closeDateTo) {}

    /** The name ends in "Connection": Spring GraphQL then passes it through as a connection of its own. */
    record SearchHitConnection(List<Edge> edges, PageInfo pageInfo, long totalCount, Facets facets) {}

    record Edge(String cursor, Object node, double score, List<Highlight> highlights) {}

    record Highlight(String field, String fragment) {}

    record Facets(
            List<Bucket> types,
            List<Bucket> stages,
            List<Bucket> owners,
            List<Bucket> industries,
            List<Bucket> statuses,
            List<Bucket> amounts,
            List<Bucket> closeMonths) {}

    record Bucket(String value, String label, long count) {}

    private final SearchService search;
    private final RecordVisibility visibility;
    private final VisibleOpportunities opportunityRows;
    private final VisibleAccounts accountRows;
    private final ActivityRepository activities;
    private final RowsById<UserRow> userRows;
    private final Pipelines pipelines;
    private final CurrentRates rates;

    SearchController(
            SearchService search,
            RecordVisibility visibility,
            VisibleOpportunities opportunityRows,
            VisibleAccounts accountRows,
            ActivityRepository activities,
            RowsById<UserRow> userRows,
            Pipelines pipelines,
            CurrentRates rates) {
        this.rates = rates;
        this.search = search;
        this.visibility = visibility;
        this.opportunityRows = opportunityRows;
        this.accountRows = accountRows;
        this.activities = activities;
        this.userRows = userRows;
        this.pipelines = pipelines;
    }

    @QueryMapping
    SearchHitConnection search(
            @Argument String query,
            @Argument List<String> types,
            @Argument SearchFilterInput filter,
            @Argument Integer first,
            @Argument String after,
            DataFetchingFieldSelectionSet selection) {
        if (query.length() > SearchService.MAX_QUERY_LENGTH) {
            throw new QueryInputException(
                    "query",
                    "may have at most " + SearchService.MAX_QUERY_LENGTH + " characters, had " + query.length());
        }
        int size = PageSize.of(first);
        if (after != null && !SearchService.isCursor(after)) {
            throw new QueryInputException("after", "is not a cursor of a search");
        }
        Set<DocType> typeSet = types == null || types.isEmpty()
                ? Set.of()
                : types.stream()
                        .map(DocType::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DocType.class)));
        SearchResults results = search.search(new SearchRequest(
                query,
                typeSet,
                filter(filter),
                visibility.forSearch(),
                size,
                after,
                selection.contains("facets"),
                selection.contains("edges/highlights")));

        Map<UUID, Object> records = records(results.hits());
        List<Edge> edges = new ArrayList<>();
        for (SearchResults.Hit hit : results.hits()) {
            Object record = records.get(hit.id());
            if (record != null) {
                edges.add(new Edge(
                        hit.cursor(),
                        record,
                        hit.score(),
                        hit.highlights().entrySet().stream()
                                .map(e -> new Highlight(e.getKey(), e.getValue()))
                                .toList()));
            }
        }
        String start = results.hits().isEmpty() ? null : results.hits().get(0).cursor();
        String end = results.hits().isEmpty()
                ? null
                : results.hits().get(results.hits().size() - 1).cursor();
        return new SearchHitConnection(
                edges,
                new PageInfo(results.hasNextPage(), after != null, start, end),
                results.totalCount(),
                facets(results.facets()));
    }

    private SearchFilter filter(SearchFilterInput in) {
        if (in == null) {
            return SearchFilter.NONE;
        }
        return new SearchFilter(
                ids(in.stageIds(), "Stage", "filter.stageIds"),
                ids(in.ownerIds(), "User", "filter.ownerIds"),
                in.statuses(),
                in.industries(),
                rates.bounds(
                        Validation.amountBound(in.amountMin(), "filter.amountMin"),
                        Validation.amountBound(in.amountMax(), "filter.amountMax")),
                in.closeDateFrom(),
                in.closeDateTo());
    }

    private static List<String> ids(List<String> ids, String type, String argument) {
        if (ids == null) {
            return null;
        }
        return ids.stream()
                .map(id -> GlobalId.decode(id, type)
                        .orElseThrow(() ->
                                new QueryInputException(argument, "holds an ID that is not a " + type + ": " + id))
                        .toString())
                .toList();
    }

    /** The hits' records from PostgreSQL, one statement per type, live ones only. */
    private Map<UUID, Object> records(List<SearchResults.Hit> hits) {
        Map<DocType, List<UUID>> ids = hits.stream()
                .collect(Collectors.groupingBy(
                        SearchResults.Hit::type, Collectors.mapping(SearchResults.Hit::id, Collectors.toList())));
        Map<UUID, Object> records = new HashMap<>();
        ids.forEach((type, of) -> {
            switch (type) {
                case OPPORTUNITY ->
                    opportunityRows.find(of).stream()
                            .filter(o -> o.deletedAt() == null)
                            .forEach(o -> records.put(o.id(), o));
                case ACCOUNT -> accountRows.find(of).forEach(a -> records.put(a.id(), a));
                case CONTACT -> accountRows.findContacts(of).forEach(c -> records.put(c.id(), c));
                case ACTIVITY -> {
                    Set<UUID> readable = opportunityRows.readableActivities(of);
                    activities.findByIdIn(of).stream()
                            .filter(a -> a.deletedAt() == null)
                            .filter(a -> readable.contains(a.id()))
                            .forEach(a -> records.put(a.id(), a));
                }
            }
        });
        return records;
    }

    private Facets facets(Map<String, List<SearchResults.Bucket>> facets) {
        List<SearchResults.Bucket> owners = facets.getOrDefault("owner", List.of());
        Map<String, String> ownerNames = owners.isEmpty()
                ? Map.of()
                : userRows
                        .find(owners.stream()
                                .map(b -> UUID.fromString(b.value()))
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(u -> u.id().toString(), UserRow::name));
        return new Facets(
                plain(facets.get("type"), value -> value.toUpperCase(Locale.ROOT)),
                labelled(facets.get("stage"), "Stage", id -> pipelines
                        .stage(UUID.fromString(id))
                        .map(StageRow::name)
                        .orElse(null)),
                labelled(owners, "User", ownerNames::get),
                plain(facets.get("industry"), Function.identity()),
                plain(facets.get("status"), Function.identity()),
                plain(facets.get("amount"), Function.identity()),
                plain(facets.get("closeMonth"), Function.identity()));
    }

    private static List<Bucket> plain(List<SearchResults.Bucket> buckets, Function<String, String> value) {
        return buckets == null
                ? List.of()
                : buckets.stream()
                        .map(b -> new Bucket(value.apply(b.value()), null, b.count()))
                        .toList();
    }

    private static List<Bucket> labelled(
            List<SearchResults.Bucket> buckets, String type, Function<String, String> label) {
        return buckets == null
                ? List.of()
                : buckets.stream()
                        .map(b -> new Bucket(
                                GlobalId.of(type, UUID.fromString(b.value())), label.apply(b.value()), b.count()))
                        .toList();
    }
}

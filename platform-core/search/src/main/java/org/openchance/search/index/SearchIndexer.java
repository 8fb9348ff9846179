package org.openchance.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openchance.search.SearchConnection;
import org.openchance.search.SearchUnavailableException;
import org.openchance.store.search.SearchSources;

/**
 * Brings documents up to date from PostgreSQL in one bulk request. It reads the records' current state rather
 * than trusting an event's payload, and writes with the records' version as an external version
 * ({@code external_gte}): a late or repeated delivery writes the same or an older version and is refused, so the
 * newest state always wins. Each failed item of a bulk response is reported as a failure, never taken as done.
 */
public final class SearchIndexer {

    private final SearchConnection connection;
    private final SearchIndices indices;
    private final SearchSources sources;

    public SearchIndexer(SearchConnection connection, SearchIndices indices, SearchSources sources) {
        this.connection = connection;
        this.indices = indices;
        this.sources = sources;
    }

    /**
     * Indexes (or removes) the documents of these records.
     *
     * @return the records that failed, with why; empty when all are done
     * @throws SearchUnavailableException when Elasticsearch cannot be reached (then none is done)
     */
    public Map<DocRef, String> index(Collection<DocRef> refs) {
        Set<DocRef> wanted = new LinkedHashSet<>(refs);
        if (wanted.isEmpty()) {
            return Map.of();
        }
        SearchSources.Batch batch;
        try {
            // read after the events were claimed: a rebuild announced before them is seen here
            batch = sources.load(wanted.stream()
                    .collect(Collectors.groupingBy(
                            ref -> Projections.sourceOf(ref.type()),
                            LinkedHashMap::new,
                            Collectors.mapping(DocRef::id, Collectors.toList()))));
        } catch (SQLException e) {
            return failAll(wanted, "PostgreSQL: " + e.getMessage());
        }
        Map<DocType, List<String>> targets = indices.writeTargets(batch.builds());
        List<SearchDocument> docs =
                batch.rows().stream().map(Projections::document).toList();
        Set<DocRef> missing = new LinkedHashSet<>(wanted);
        docs.forEach(doc -> missing.remove(new DocRef(doc.type(), doc.id())));
        return write(docs, missing, targets, connection.indexClient());
    }

    /** Writes documents to the given indices; for a rebuild, which writes to its new index only. */
    public Map<DocRef, String> write(
            List<SearchDocument> docs, Collection<DocRef> gone, Map<DocType, List<String>> targets) {
        return write(docs, gone, targets, connection.client());
    }

    private Map<DocRef, String> write(
            List<SearchDocument> docs,
            Collection<DocRef> gone,
            Map<DocType, List<String>> targets,
            ElasticsearchClient client) {
        List<BulkOperation> operations = new ArrayList<>();
        List<DocRef> operationRefs = new ArrayList<>();
        for (SearchDocument doc : docs) {
            DocRef ref = new DocRef(doc.type(), doc.id());
            for (String target : targets.get(doc.type())) {
                // The alias must exist: without it Elasticsearch would create an index of that name (no mapping,
                // and in the way of the alias). A missing alias fails the item, which is then retried.
                boolean alias = indices.isAlias(target);
                operations.add(
                        doc.deleted()
                                ? BulkOperation.of(b -> b.delete(d -> d.index(target)
                                        .id(doc.id().toString())
                                        .version(doc.version())
                                        .versionType(VersionType.ExternalGte)))
                                : BulkOperation.of(b -> b.index(i -> i.index(target)
                                        .id(doc.id().toString())
                                        .requireAlias(alias)
                                        .version(doc.version())
                                        .versionType(VersionType.ExternalGte)
                                        .document(doc.source()))));
                operationRefs.add(ref);
            }
        }
        for (DocRef ref : gone) { // not in PostgreSQL at all
            for (String target : targets.get(ref.type())) {
                operations.add(BulkOperation.of(
                        b -> b.delete(d -> d.index(target).id(ref.id().toString()))));
                operationRefs.add(ref);
            }
        }
        if (operations.isEmpty()) {
            return Map.of();
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(operations));
        } catch (IOException | RuntimeException e) {
            // the cluster as a whole did not take the request: nothing is done, nothing is the documents' fault
            throw new SearchUnavailableException("Elasticsearch did not take the bulk request: " + e.getMessage(), e);
        }
        Map<DocRef, String> failures = new HashMap<>();
        if (response.errors()) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                // 409: the index holds this version or a newer one already (a delete of what is not there has no error)
                if (item.error() != null && item.status() != 409) {
                    failures.putIfAbsent(
                            operationRefs.get(i),
                            item.error().type() + ": " + item.error().reason());
                }
            }
        }
        return failures;
    }

    private static Map<DocRef, String> failAll(Collection<DocRef> refs, String why) {
        Map<DocRef, String> failures = new HashMap<>();
        refs.forEach(ref -> failures.put(ref, why));
        return failures;
    }
}

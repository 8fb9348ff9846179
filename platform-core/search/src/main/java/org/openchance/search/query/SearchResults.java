package org.openchance.search.query;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.search.index.DocType;

/**
 * One page of hits, best first, with the facet counts of everything that matched.
 *
 * @param facets per facet name ({@code type}, {@code stage}, {@code owner}, {@code industry}, {@code status},
 *               {@code amount}, {@code closeMonth}) its buckets
 */
public record SearchResults(List<Hit> hits, long totalCount, boolean hasNextPage, Map<String, List<Bucket>> facets) {

    /**
     * @param highlights original field name ({@code name}, {@code description}, ...) to a fragment with the matched
     *                   words in {@code <em>}, HTML-escaped
     */
    public record Hit(DocType type, UUID id, double score, Map<String, String> highlights, String cursor) {}

    public record Bucket(String value, long count) {}
}

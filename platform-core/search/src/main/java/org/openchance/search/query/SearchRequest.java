package org.openchance.search.query;

import java.util.Set;
import org.openchance.search.index.DocType;

/**
 * One search.
 *
 * @param text  what the user typed; empty: everything the filter lets through
 * @param types the record types to search; empty: all
 * @param after  a cursor from an earlier page, or null
 * @param facets     whether to count facets (they cost the cluster more than the hits)
 * @param highlights whether to mark the matched words (our analysis of every hit's texts, on the server)
 */
public record SearchRequest(
        String text,
        Set<DocType> types,
        SearchFilter filter,
        Visibility visibility,
        int first,
        String after,
        boolean facets,
        boolean highlights) {}

package org.openchance.search.index;

import java.util.Map;
import java.util.UUID;

/**
 * One record as the index holds it.
 *
 * @param version the sum of the PostgreSQL versions of every row the document is made of (an opportunity and its
 *                account, ...). Each of them only grows, so the sum grows with every change that reaches the
 *                document, and Elasticsearch's external versioning can refuse a late, older write.
 * @param deleted soft-deleted in PostgreSQL: the document goes from the index
 * @param source  the document; null when deleted
 */
public record SearchDocument(DocType type, UUID id, long version, boolean deleted, Map<String, Object> source) {}

package org.openchance.store.page;

import java.util.List;

/**
 * A page of a keyset ordering.
 *
 * @param after sort values of the row the page starts after, or null for the first page
 * @param limit rows wanted; one more is read to know whether a next page exists
 */
public record PageRequest(List<SortKey> keys, List<Object> after, int limit) {}

package org.openchance.store.page;

import java.util.List;
import java.util.UUID;

/**
 * The ids of a page, in order, with each row's sort values (for its cursor).
 */
public record PageRows(List<UUID> ids, List<List<Object>> sortValues, boolean hasNext) {}

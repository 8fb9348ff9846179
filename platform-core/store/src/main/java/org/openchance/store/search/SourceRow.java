package org.openchance.store.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One record as search projects it: its id, a version that grows with every change of what the document shows, whether
 * it is (soft-)deleted, and its columns. Values are plain: ids and dates as text, timestamps as {@link Instant},
 * arrays as lists of text.
 */
public record SourceRow(SourceType type, UUID id, long version, boolean deleted, Map<String, Object> columns) {

    public String text(String column) {
        return (String) columns.get(column);
    }

    public BigDecimal decimal(String column) {
        return (BigDecimal) columns.get(column);
    }

    public Instant instant(String column) {
        return (Instant) columns.get(column);
    }

    @SuppressWarnings("unchecked")
    public List<String> texts(String column) {
        List<String> values = (List<String>) columns.get(column);
        return values == null ? List.of() : values;
    }
}

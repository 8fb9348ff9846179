package org.openchance.testkit;

import java.net.URI;
import java.util.function.BiConsumer;

/**
 * An Elasticsearch endpoint for one test class. Tests keep to their own indices by prefixing every index name
 * with {@link #indexPrefix()}.
 */
public record TestSearch(URI url, String indexPrefix) {

    /** Hands the endpoint to Spring-style properties, e.g. {@code search.applyTo((k, v) -> registry.add(k, () -> v))}. */
    public void applyTo(BiConsumer<String, String> properties) {
        properties.accept("openchance.search.url", url.toString());
        properties.accept("openchance.search.index-prefix", indexPrefix);
    }
}

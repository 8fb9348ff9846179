package org.openchance.server.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Elasticsearch is.
 *
 * @param url         e.g. {@code http://127.0.0.1:9200}
 * @param indexPrefix put before every index name, so that installations can share a cluster
 */
@ConfigurationProperties("openchance.search")
@Validated
public record SearchProperties(
        @NotNull URI url, @DefaultValue("openchance-") String indexPrefix) {}

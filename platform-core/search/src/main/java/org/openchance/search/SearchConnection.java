package org.openchance.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connection to Elasticsearch and the names of our indices in it. Several installations (or test classes) can
 * share one cluster: every index name carries the configured prefix.
 */
public final class SearchConnection implements AutoCloseable {

    private final URI url;
    private final String indexPrefix;
    private final Rest5Client restClient;
    private final ElasticsearchClient client;

    private SearchConnection(URI url, String indexPrefix, Rest5Client restClient) {
        this.url = url;
        this.indexPrefix = indexPrefix;
        this.restClient = restClient;
        // Documents may carry fields this version does not know (written by a newer server): ignore them.
        JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.client = new ElasticsearchClient(new Rest5ClientTransport(restClient, new Jackson3JsonpMapper(json)));
    }

    public static SearchConnection open(URI url, String indexPrefix) {
        Objects.requireNonNull(url, "url");
        if (!indexPrefix.equals(indexPrefix.toLowerCase(Locale.ROOT)) || indexPrefix.contains("*")) {
            throw new IllegalArgumentException("Index prefix must be lower case without wildcards: " + indexPrefix);
        }
        return new SearchConnection(url, indexPrefix, Rest5Client.builder(url).build());
    }

    public ElasticsearchClient client() {
        return client;
    }

    public URI url() {
        return url;
    }

    /** The full name of one of our indices, e.g. {@code index("opportunities")}. */
    public String index(String name) {
        return indexPrefix + name;
    }

    /**
     * The cluster's health. Uses {@code _cluster/health}, which every distribution answers ({@code GET /}, behind the
     * client's {@code ping()} and {@code info()}, is refused by the minimal one).
     */
    public SearchHealth health() {
        try {
            HealthResponse health = client.cluster().health();
            return new SearchHealth(health.status().jsonValue(), health.numberOfNodes(), health.clusterName(), null);
        } catch (IOException | RuntimeException e) {
            return new SearchHealth("unreachable", 0, null, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        restClient.close();
    }
}

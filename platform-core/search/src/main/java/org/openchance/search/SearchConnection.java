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
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connection to Elasticsearch and the names of our indices in it. Several installations (or test classes) can
 * share one cluster: every index name carries the configured prefix.
 */
public final class SearchConnection implements AutoCloseable {

    private final URI url;
    private final String indexPrefix;
    /** A user waits for a search: a slow or unreachable cluster must give a clear error within a second. */
    private static final Timeout QUERY_TIMEOUT = Timeout.ofMilliseconds(1_000);

    private static final Timeout CONNECT_TIMEOUT = Timeout.ofMilliseconds(500);
    /** Bulk writes of a rebuild may take their time. */
    private static final Timeout WRITE_TIMEOUT = Timeout.ofSeconds(60);
    /**
     * The indexer's bulk requests of live changes (at most a few hundred documents, well under a second): a stuck
     * cluster or a half-open connection gives up after this and the batch waits for its next try, instead of holding
     * the indexer, and every change behind it, for a minute.
     */
    private static final Timeout INDEX_TIMEOUT = Timeout.ofSeconds(15);

    private final Rest5Client restClient;
    private final Rest5Client indexRestClient;
    private final Rest5Client queryRestClient;
    private final ElasticsearchClient client;
    private final ElasticsearchClient indexClient;
    private final ElasticsearchClient queryClient;

    private SearchConnection(URI url, String indexPrefix) {
        this.url = url;
        this.indexPrefix = indexPrefix;
        this.restClient = rest(url, WRITE_TIMEOUT);
        this.indexRestClient = rest(url, INDEX_TIMEOUT);
        this.queryRestClient = rest(url, QUERY_TIMEOUT);
        this.client = client(restClient);
        this.indexClient = client(indexRestClient);
        this.queryClient = client(queryRestClient);
    }

    private static Rest5Client rest(URI url, Timeout responseTimeout) {
        return Rest5Client.builder(url)
                .setConnectionConfigCallback(c -> c.setConnectTimeout(CONNECT_TIMEOUT))
                .setRequestConfigCallback(
                        r -> r.setResponseTimeout(responseTimeout).setConnectionRequestTimeout(responseTimeout))
                .setConnectionManagerCallback(m -> m.setMaxConnPerRoute(64).setMaxConnTotal(64))
                .build();
    }

    private static ElasticsearchClient client(Rest5Client rest) {
        // Documents may carry fields this version does not know (written by a newer server): ignore them.
        JsonMapper json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper(json)));
    }

    public static SearchConnection open(URI url, String indexPrefix) {
        Objects.requireNonNull(url, "url");
        if (!indexPrefix.equals(indexPrefix.toLowerCase(Locale.ROOT)) || indexPrefix.contains("*")) {
            throw new IllegalArgumentException("Index prefix must be lower case without wildcards: " + indexPrefix);
        }
        return new SearchConnection(url, indexPrefix);
    }

    /** For writes and administration (long timeouts). */
    public ElasticsearchClient client() {
        return client;
    }

    /** For the indexer's writes of live changes: gives up after 15 seconds. */
    public ElasticsearchClient indexClient() {
        return indexClient;
    }

    /** For searches: gives up after a second. */
    public ElasticsearchClient queryClient() {
        return queryClient;
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
            HealthResponse health = queryClient.cluster().health();
            return new SearchHealth(health.status().jsonValue(), health.numberOfNodes(), health.clusterName(), null);
        } catch (IOException | RuntimeException e) {
            return new SearchHealth("unreachable", 0, null, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        queryRestClient.close();
        indexRestClient.close();
        restClient.close();
    }
}

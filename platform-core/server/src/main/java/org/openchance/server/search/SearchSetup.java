package org.openchance.server.search;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.openchance.search.SearchConnection;
import org.openchance.search.index.Reindexer;
import org.openchance.search.index.SearchConsistency;
import org.openchance.search.index.SearchIndexer;
import org.openchance.search.index.SearchIndices;
import org.openchance.search.query.SearchService;
import org.openchance.store.search.SearchSources;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Search's parts, and its start ({@link SearchIndicesOnStart}): the indices are created when missing and filled from
 * PostgreSQL in the background (a fresh installation, or data loaded without events).
 */
@Configuration(proxyBeanMethods = false)
class SearchSetup {

    @Bean
    SearchSources searchSources(DataSource dataSource) {
        return new SearchSources(dataSource);
    }

    @Bean
    SearchIndices searchIndices(SearchConnection connection, SearchSources sources) {
        return new SearchIndices(connection, sources);
    }

    @Bean
    SearchIndexer searchIndexer(SearchConnection connection, SearchIndices indices, SearchSources sources) {
        return new SearchIndexer(connection, indices, sources);
    }

    @Bean
    Reindexer reindexer(SearchIndices indices, SearchIndexer indexer, SearchSources sources) {
        return new Reindexer(indices, indexer, sources);
    }

    @Bean
    SearchConsistency searchConsistency(
            SearchConnection connection,
            SearchIndices indices,
            SearchIndexer indexer,
            Reindexer reindexer,
            SearchSources sources) {
        return new SearchConsistency(connection, indices, indexer, reindexer, sources, Clock.systemUTC());
    }

    @Bean
    SearchService searchService(SearchConnection connection) {
        return new SearchService(connection);
    }

    @Bean
    @ConditionalOnProperty(name = "openchance.search.indexer.enabled", havingValue = "true", matchIfMissing = true)
    SearchIndexListener searchIndexListener(
            SearchIndexer indexer,
            SearchSources sources,
            @Value("${openchance.search.indexer.workers:2}") int workers,
            IndexPressure pressure) {
        return new SearchIndexListener(indexer, sources, workers, pressure);
    }

    @Bean
    SearchIndicesOnStart searchIndicesOnStart(
            SearchIndices indices, Reindexer reindexer, @Value("${openchance.search.setup-retry:5s}") Duration retry) {
        return new SearchIndicesOnStart(indices, reindexer, retry);
    }
}

package org.openchance.server.search;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.openchance.search.SearchConnection;
import org.openchance.search.index.DocType;
import org.openchance.search.index.Reindexer;
import org.openchance.search.index.SearchIndexer;
import org.openchance.search.index.SearchIndices;
import org.openchance.search.query.SearchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Search's parts, and its start: the indices are created when missing and then filled from PostgreSQL in the
 * background (a fresh installation, or data loaded without events). Elasticsearch may come up after the server:
 * this is retried until it works, while the server already serves everything else.
 */
@Configuration(proxyBeanMethods = false)
class SearchSetup {

    private static final Logger log = LoggerFactory.getLogger(SearchSetup.class);

    @Bean
    SearchIndices searchIndices(SearchConnection connection, DataSource dataSource) {
        return new SearchIndices(connection, dataSource);
    }

    @Bean
    SearchIndexer searchIndexer(SearchConnection connection, SearchIndices indices, DataSource dataSource) {
        return new SearchIndexer(connection, indices, dataSource);
    }

    @Bean
    Reindexer reindexer(SearchIndices indices, SearchIndexer indexer, DataSource dataSource) {
        return new Reindexer(indices, indexer, dataSource);
    }

    @Bean
    SearchService searchService(SearchConnection connection) {
        return new SearchService(connection);
    }

    @Bean
    @ConditionalOnProperty(name = "openchance.search.indexer.enabled", havingValue = "true", matchIfMissing = true)
    SearchIndexListener searchIndexListener(SearchIndexer indexer, JdbcTemplate jdbc) {
        return new SearchIndexListener(indexer, jdbc);
    }

    @Bean
    SmartLifecycle searchIndicesOnStart(SearchIndices indices, Reindexer reindexer,
                                        @Value("${openchance.search.setup-retry:5s}") Duration retry) {
        return new IndicesOnStart(indices, reindexer, retry);
    }

    /** Creates missing indices and fills them, once, retrying until Elasticsearch answers. */
    private static final class IndicesOnStart implements SmartLifecycle {
        private final SearchIndices indices;
        private final Reindexer reindexer;
        private final Duration retry;
        private volatile Thread thread;

        IndicesOnStart(SearchIndices indices, Reindexer reindexer, Duration retry) {
            this.indices = indices;
            this.reindexer = reindexer;
            this.retry = retry;
        }

        @Override
        public void start() {
            Thread setup = new Thread(this::run, "openchance-search-setup");
            setup.setDaemon(true);
            thread = setup;
            setup.start();
        }

        private void run() {
            while (thread == Thread.currentThread()) {
                try {
                    List<DocType> created = indices.createMissing();
                    if (!created.isEmpty()) {
                        log.info("Search indices created, filling them from PostgreSQL: {}", created);
                        reindexer.rebuild(created, progress -> { });
                        log.info("Search indices filled: {}", created);
                    }
                    thread = null;
                } catch (Exception e) {
                    log.warn("Search indices not ready, trying again in {} s: {}", retry.toSeconds(), e.toString());
                    try {
                        Thread.sleep(retry.toMillis());
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }

        @Override
        public void stop() {
            Thread setup = thread;
            thread = null;
            if (setup != null) {
                setup.interrupt();
            }
        }

        @Override
        public boolean isRunning() {
            return thread != null;
        }
    }
}

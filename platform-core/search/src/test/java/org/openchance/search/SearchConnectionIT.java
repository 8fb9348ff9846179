package org.openchance.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.openchance.localservices.FreePorts;
import org.openchance.testkit.RealServices;
import org.openchance.testkit.TestSearch;

@RealServices
class SearchConnectionIT {

    @Test
    void reportsHealthOfARunningCluster(TestSearch search) throws Exception {
        try (SearchConnection connection = SearchConnection.open(search.url(), search.indexPrefix())) {
            SearchHealth health = connection.health();
            assertThat(health.usable()).as(health.toString()).isTrue();
            assertThat(health.nodes()).isPositive();
        }
    }

    @Test
    void indicesCarryThePrefixAndCanBeCreated(TestSearch search) throws Exception {
        try (SearchConnection connection = SearchConnection.open(search.url(), search.indexPrefix())) {
            String index = connection.index("probe");
            assertThat(index).isEqualTo(search.indexPrefix() + "probe");
            connection.client().indices().create(c -> c.index(index));
            assertThat(connection.client().indices().exists(e -> e.index(index)).value())
                    .isTrue();
        }
    }

    @Test
    void reportsAnUnreachableClusterInsteadOfThrowing() throws Exception {
        URI nobodyListens = URI.create("http://127.0.0.1:" + FreePorts.next());
        try (SearchConnection connection = SearchConnection.open(nobodyListens, "x-")) {
            SearchHealth health = connection.health();
            assertThat(health.status()).isEqualTo("unreachable");
            assertThat(health.usable()).isFalse();
            assertThat(health.error()).isNotBlank();
        }
    }
}

package org.openchance.server.config;

import org.openchance.search.SearchConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchConnection searchConnection(SearchProperties properties) {
        return SearchConnection.open(properties.url(), properties.indexPrefix());
    }
}

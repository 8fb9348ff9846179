package org.openchance.server.config;

import javax.sql.DataSource;
import org.openchance.store.Store;
import org.openchance.store.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the Micronaut Data repositories, over Spring's data source and transactions, as Spring beans. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    Store store(DataSource dataSource) {
        return Store.start(dataSource);
    }

    @Bean
    UserRepository userRepository(Store store) {
        return store.repository(UserRepository.class);
    }
}

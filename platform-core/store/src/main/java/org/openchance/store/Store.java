package org.openchance.store;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The Micronaut Data repositories over a {@link DataSource} we are given (in the server: Spring's). A small
 * Micronaut context of its own holds them; nothing of Micronaut leaks beyond the repository interfaces.
 *
 * <p>Repositories join the caller's Spring-managed transaction ({@code @Transactional}, {@code TransactionTemplate})
 * on the same data source: {@code micronaut-data-spring-jdbc} with {@code transaction-manager=springJdbc}. Outside a
 * transaction each repository call commits on its own.
 */
public final class Store implements AutoCloseable {

    private final ApplicationContext context;

    private Store(ApplicationContext context) {
        this.context = context;
    }

    public static Store start(DataSource dataSource) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                // Only these keys: Micronaut must not read Spring's application.properties/yml from the classpath.
                .enableDefaultPropertySources(false)
                .properties(Map.of(
                        "datasources.default.dialect", "POSTGRES",
                        "datasources.default.transaction-manager", "springJdbc",
                        "datasources.default.schema-generate", "NONE"))
                .build();
        context.registerSingleton(DataSource.class, dataSource, Qualifiers.byName("default"));
        return new Store(context.start());
    }

    /** A repository interface of this module, e.g. {@code store.repository(UserRepository.class)}. */
    public <R> R repository(Class<R> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

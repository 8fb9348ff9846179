package org.openchance.testkit.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openchance.testkit.TestDatabase;
import org.openchance.testkit.TestSearch;
import org.openchance.testkit.TestServices;
import org.openchance.testkit.graphql.GraphQlClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each {@link ServerTest} class its database and index prefix, as Spring properties of its context. Registered
 * in {@code META-INF/spring.factories}; Spring asks it for every test class and it acts on the annotated ones.
 */
public final class ServerTestServices implements ContextCustomizerFactory {

    /** The name of Spring's source of {@code @DynamicPropertySource} values, which must win over ours. */
    private static final String DYNAMIC = "Dynamic Test Properties";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                        .isPresent(ServerTest.class)
                ? new Services(testClass)
                : null;
    }

    /** Equal per test class: the class's context is cached and reused, never shared with another class. */
    private record Services(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            TestDatabase database = TestServices.database(testClass);
            TestSearch search = TestServices.search(testClass);
            Map<String, Object> properties = new LinkedHashMap<>();
            database.applyTo(properties::put);
            search.applyTo(properties::put);
            // The admin the server makes on its first start, so that clients can sign in (GraphQlClient).
            properties.put("openchance.security.admin-email", GraphQlClient.ADMIN_EMAIL);
            properties.put("openchance.security.admin-password", GraphQlClient.ADMIN_PASSWORD);
            // A test sends requests faster than any person: no per-caller limit, unless the test sets one (its own
            // test)
            if (!context.getEnvironment().containsProperty("openchance.rate-limit.requests-per-second")) {
                properties.put("openchance.rate-limit.requests-per-second", "0");
            }
            MapPropertySource source =
                    new MapPropertySource("OpenChance test services of " + testClass.getSimpleName(), properties);
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            if (sources.contains(DYNAMIC)) {
                sources.addAfter(DYNAMIC, source);
            } else {
                sources.addFirst(source);
            }
        }
    }
}

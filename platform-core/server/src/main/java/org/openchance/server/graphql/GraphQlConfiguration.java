package org.openchance.server.graphql;

import org.openchance.store.user.UserRow;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ClassNameTypeResolver;

@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    /** Which GraphQL type a Java object returned for an interface (e.g. {@code Node}) is. */
    @Bean
    GraphQlSourceBuilderCustomizer typeResolver() {
        ClassNameTypeResolver resolver = new ClassNameTypeResolver();
        resolver.addMapping(UserRow.class, "User");
        return builder -> builder.defaultTypeResolver(resolver);
    }
}

package org.openchance.server.graphql;

import graphql.introspection.Introspection;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code spring.graphql.schema.introspection.enabled=false}: introspection ({@code __schema}, {@code __type}) is
 * refused. Spring Boot applies that property in the schema source it builds, which ours replaces, and JVM-wide;
 * here it is per request, for this server only.
 */
@Component
@ConditionalOnProperty(name = "spring.graphql.schema.introspection.enabled", havingValue = "false")
class IntrospectionSwitch implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        request.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(Map.of(Introspection.INTROSPECTION_DISABLED, true))
                        .build());
        return chain.next(request);
    }
}

package org.openchance.server.graphql;

import org.openchance.server.search.IndexPressure;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A mutation waits a little before it runs while the search index is behind ({@link IndexPressure}): writes slow down
 * to what the index can follow instead of leaving search minutes behind under a load the machine cannot carry.
 * Queries never wait, and a bounded number of waiting writes leaves request threads to them. The document is parsed
 * here only while the index is behind.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after IdempotentMutations: a replayed answer never waits, a key is claimed first
class WriteBackpressure implements WebGraphQlInterceptor {

    private final IndexPressure pressure;

    WriteBackpressure(IndexPressure pressure) {
        this.pressure = pressure;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (pressure.behind() && IdempotentMutations.isMutation(request)) {
            try {
                pressure.awaitIndex();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return chain.next(request);
    }
}

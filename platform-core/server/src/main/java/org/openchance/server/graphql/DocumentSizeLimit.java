package org.openchance.server.graphql;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A query document larger than {@code openchance.graphql.max-document-characters} (64 KB: the app's largest is a few
 * KB) is refused before it is parsed ({@code QUERY_TOO_LARGE}); graphql-java's own limits (a million characters) are
 * meant for a general-purpose server. It also bounds what one entry of the {@link DocumentCache} can weigh.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // first: a document too large is refused before anything reads it
class DocumentSizeLimit implements WebGraphQlInterceptor {

    private final int maxCharacters;

    DocumentSizeLimit(@Value("${openchance.graphql.max-document-characters:65536}") int maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        int length = request.getDocument().length();
        if (length <= maxCharacters) {
            return chain.next(request);
        }
        ExecutionResult refused = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message("The query document has " + length + " characters; the limit is " + maxCharacters)
                        .extensions(Map.of("code", "QUERY_TOO_LARGE"))
                        .build())
                .build();
        return Mono.just(
                new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
    }
}

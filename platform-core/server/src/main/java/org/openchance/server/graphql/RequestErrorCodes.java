package org.openchance.server.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives graphql-java's own refusals of a request an {@code extensions.code} like every other error, so that a client
 * can tell them apart without reading messages: {@code INVALID_SYNTAX} (the document does not parse),
 * {@code INVALID_DOCUMENT} (it does not fit the schema: an unknown field, a missing argument, a variable of the wrong
 * type) and {@code VALIDATION} (a variable's value is not of its type: a date that is none, text with U+0000).
 * Innermost of the interceptors, so that what they keep (an idempotent answer) has the codes.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestErrorCodes implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            List<GraphQLError> errors = response.getExecutionResult().getErrors();
            if (errors.stream().allMatch(e -> code(e) == null)) {
                return response;
            }
            return response.transform(builder ->
                    builder.errors(errors.stream().map(RequestErrorCodes::coded).toList()));
        });
    }

    private static GraphQLError coded(GraphQLError error) {
        String code = code(error);
        if (code == null) {
            return error;
        }
        Map<String, Object> extensions =
                new HashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
        extensions.put("code", code);
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }

    /** The code this error lacks; null when it has one or is none of graphql-java's request refusals. */
    private static String code(GraphQLError error) {
        if (error.getExtensions() != null && error.getExtensions().containsKey("code")) {
            return null;
        }
        ErrorClassification type = error.getErrorType();
        if (error instanceof InvalidSyntaxError || type == ErrorType.InvalidSyntax) {
            return "INVALID_SYNTAX";
        }
        if (error instanceof graphql.validation.ValidationError) {
            return "INVALID_DOCUMENT";
        }
        if (type == ErrorType.ValidationError) {
            return UserError.VALIDATION; // a variable's value that does not coerce
        }
        return null;
    }
}

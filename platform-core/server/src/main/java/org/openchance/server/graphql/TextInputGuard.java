package org.openchance.server.graphql;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses a request with text PostgreSQL cannot store as sent, in a variable or a literal of the document
 * ({@code VALIDATION}, before anything runs): the NUL character (U+0000), which it refuses in text and JSON (a write
 * would fail deep inside), and half of a surrogate pair (JSON may escape one alone), which the driver would turn into
 * "?" (the record would silently differ from what the client sent). graphql-java's own {@code String} cannot be
 * replaced by one that checks (introspection uses it), so the check is here, once per request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // right after the size limit
class TextInputGuard implements WebGraphQlInterceptor {

    /** NUL as an escape in the document's text (backslash, u, four zeros; or u{0} in the newer syntax). */
    private static final Pattern NUL_IN_DOCUMENT = Pattern.compile("\\\\u0000|\\\\u\\{0+}");

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String document = request.getDocument();
        String where = !storable(document) || nulInLiteral(document) ? "the query document" : null;
        for (Map.Entry<String, Object> variable : request.getVariables().entrySet()) {
            if (where == null) {
                where = find(variable.getValue(), "variable $" + variable.getKey());
            }
        }
        if (where == null) {
            return chain.next(request);
        }
        ExecutionResult refused = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message("Text must be Unicode without the NUL character (U+0000) or half a surrogate pair:"
                                + " found in " + where)
                        .extensions(Map.of("code", UserError.VALIDATION))
                        .build())
                .build();
        return Mono.just(
                new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
    }

    /**
     * Whether a string literal of the document holds NUL as an escape. The text is searched first (cheap, and rarely
     * found); then the parsed literals decide, so that an escaped backslash before "u0000" or a block string passes.
     */
    private static boolean nulInLiteral(String document) {
        if (!NUL_IN_DOCUMENT.matcher(document).find()) {
            return false;
        }
        try {
            boolean[] found = {false};
            new graphql.language.AstTransformer()
                    .transform(graphql.parser.Parser.parse(document), new graphql.language.NodeVisitorStub() {
                        @Override
                        public graphql.util.TraversalControl visitStringValue(
                                graphql.language.StringValue node,
                                graphql.util.TraverserContext<graphql.language.Node> context) {
                            found[0] |= node.getValue().indexOf('\u0000') >= 0;
                            return graphql.util.TraversalControl.CONTINUE;
                        }
                    });
            return found[0];
        } catch (graphql.parser.InvalidSyntaxException e) {
            return false; // graphql-java answers INVALID_SYNTAX
        }
    }

    /** Whether the text has neither NUL nor an unpaired surrogate. */
    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Where in this value a text with NUL is (e.g. {@code variable $input.name}), or null. */
    private static String find(Object value, String path) {
        if (value instanceof String text) {
            return storable(text) ? null : path;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String found = !storable(String.valueOf(entry.getKey()))
                        ? path
                        : find(entry.getValue(), path + "." + entry.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String found = find(list.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

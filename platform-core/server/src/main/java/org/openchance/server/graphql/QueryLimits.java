package org.openchance.server.graphql;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.IntValue;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Limits on what one request may ask for, checked before any field is fetched (so before any SQL): depth,
 * complexity (a connection field counts its children {@code first} times) and aliases. Each refusal carries its own
 * {@code extensions.code}.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    /**
     * One instrumentation for the three limits. They only act before execution; as three beans they would sit in
     * graphql-java's chain, which calls every member for every field of every response (a fifth of the CPU of a
     * page of 50, measured with JFR).
     */
    @Bean
    Limits queryLimitsInstrumentation(
            @Value("${openchance.graphql.max-depth:12}") int maxDepth,
            @Value("${openchance.graphql.max-complexity:5000}") int maxComplexity,
            @Value("${openchance.graphql.max-aliases:30}") int maxAliases,
            @Value("${openchance.graphql.max-introspection-depth:20}") int maxIntrospectionDepth) {
        return new Limits(
                maxDepth(maxDepth),
                maxDepth(maxIntrospectionDepth),
                maxComplexity(maxComplexity),
                new AliasLimit(maxAliases));
    }

    static MaxQueryDepthInstrumentation maxDepth(int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth, info -> {
            throw abort("QUERY_TOO_DEEP", "Query depth " + info.getDepth() + " exceeds the limit of " + maxDepth);
        });
    }

    /** What a count costs that is not read together with its siblings' (the SDL's usual weight of a totalCount). */
    static final int UNBATCHED_COUNT = 50;

    static MaxQueryComplexityInstrumentation maxComplexity(int max) {
        // a connection's items count once per item of its `first`; its totalCount and pageInfo once
        FieldComplexityCalculator connectionsCountPerItem = (env, childComplexity) -> {
            int own = 1 + costOf(env.getFieldDefinition());
            String name = env.getField().getName();
            FieldComplexityEnvironment connection = env.getParentEnvironment();
            if (name.equals("totalCount")
                    && connection != null
                    && connection.getArguments().get("after") != null) {
                own = Math.max(own, 1 + UNBATCHED_COUNT); // a later page is read on its own, and so is its count
            }
            if (connection == null
                    || !(name.equals("edges") || name.equals("nodes"))
                    || !GraphQLTypeUtil.unwrapAll(
                                    connection.getFieldDefinition().getType())
                            .getName()
                            .endsWith("Connection")) {
                return own + childComplexity;
            }
            Object first = connection.getArguments().get("first");
            int pageSize = first instanceof Integer n ? Math.max(n, 1) : PageSize.DEFAULT;
            return own + childComplexity * pageSize;
        };
        return new MaxQueryComplexityInstrumentation(max, connectionsCountPerItem, info -> {
            throw abort(
                    "QUERY_TOO_COMPLEX",
                    "Query complexity " + info.getComplexity() + " exceeds the limit of " + max
                            + " (a connection counts its items' fields once per item of `first`, a totalCount 51)");
        });
    }

    /**
     * What the field's {@code @cost(weight: ...)} in the SDL it was defined in adds (the host's and plugins' expensive
     * operations carry it, e.g. {@code forecastBacktest} 2,400); 0 without one.
     */
    static int costOf(GraphQLFieldDefinition field) {
        if (field.getDefinition() == null) {
            return 0;
        }
        return field.getDefinition().getDirectives("cost").stream()
                .findFirst()
                .map(directive -> directive.getArgument("weight"))
                .filter(argument -> argument != null && argument.getValue() instanceof IntValue)
                .map(argument -> ((IntValue) argument.getValue()).getValue().intValue())
                .orElse(0);
    }

    /** The three limits behind the two callbacks they use; every per-field callback stays the no-op default. */
    static final class Limits extends SimplePerformantInstrumentation {

        private final MaxQueryDepthInstrumentation depth;
        private final MaxQueryDepthInstrumentation introspectionDepth;
        private final MaxQueryComplexityInstrumentation complexity;
        private final AliasLimit aliases;

        Limits(
                MaxQueryDepthInstrumentation depth,
                MaxQueryDepthInstrumentation introspectionDepth,
                MaxQueryComplexityInstrumentation complexity,
                AliasLimit aliases) {
            this.depth = depth;
            this.introspectionDepth = introspectionDepth;
            this.complexity = complexity;
            this.aliases = aliases;
        }

        /** Only the complexity limit keeps state (what validation computed, for the operation check). */
        @Override
        public CompletableFuture<InstrumentationState> createStateAsync(
                InstrumentationCreateStateParameters parameters) {
            return complexity.createStateAsync(parameters);
        }

        @Override
        public InstrumentationContext<List<ValidationError>> beginValidation(
                InstrumentationValidationParameters parameters, InstrumentationState state) {
            aliases.beginValidation(parameters, null);
            return complexity.beginValidation(parameters, state);
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            // the standard introspection query of tools (GraphiQL's explorer) is 13 deep: it has its own allowance
            (introspectionOnly(parameters) ? introspectionDepth : depth).beginExecuteOperation(parameters, null);
            return complexity.beginExecuteOperation(parameters, state);
        }

        /** Whether the operation selects only {@code __schema}, {@code __type} and {@code __typename} at its top. */
        private static boolean introspectionOnly(InstrumentationExecuteOperationParameters parameters) {
            return parameters.getExecutionContext().getOperationDefinition().getSelectionSet().getSelections().stream()
                    .allMatch(selection ->
                            selection instanceof Field field && field.getName().startsWith("__"));
        }
    }

    static AbortExecutionException abort(String code, String message) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                .message(message)
                .extensions(Map.of("code", code))
                .build()));
    }

    /** Aliases let one request repeat an expensive field many times; cap them. */
    static final class AliasLimit extends SimplePerformantInstrumentation {

        private final int max;

        AliasLimit(int max) {
            this.max = max;
        }

        @Override
        public InstrumentationContext<List<ValidationError>> beginValidation(
                InstrumentationValidationParameters parameters, InstrumentationState state) {
            AtomicInteger aliases = new AtomicInteger();
            new NodeTraverser()
                    .depthFirst(
                            new NodeVisitorStub() {
                                @Override
                                public TraversalControl visitField(
                                        Field node, TraverserContext<graphql.language.Node> context) {
                                    if (node.getAlias() != null) {
                                        aliases.incrementAndGet();
                                    }
                                    return TraversalControl.CONTINUE;
                                }
                            },
                            parameters.getDocument());
            if (aliases.get() > max) {
                throw abort("TOO_MANY_ALIASES", "The query uses " + aliases.get() + " aliases; the limit is " + max);
            }
            return super.beginValidation(parameters, state);
        }
    }
}

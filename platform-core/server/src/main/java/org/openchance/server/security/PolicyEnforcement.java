package org.openchance.server.security;

import graphql.language.EnumValue;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.NodeController;
import org.openchance.server.user.CurrentUser;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Puts every operation behind its {@code @policy}: when the schema is built (again with every plugin change), the
 * data fetcher of each Query and Mutation field is wrapped in a check of the caller against the field's policy. A
 * field without one (a plugin that forgot it) is refused for everyone: closed by default. Only root fields pay, once
 * per request each; nested fields are the visibility rule's.
 */
@Component
class PolicyEnforcement implements GraphQlSourceBuilderCustomizer {

    private final CurrentUser currentUser;
    private final SecurityAudit audit;
    private final NodeController records;

    PolicyEnforcement(CurrentUser currentUser, SecurityAudit audit, NodeController records) {
        this.currentUser = currentUser;
        this.audit = audit;
        this.records = records;
    }

    @Override
    public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
        builder.typeVisitors(List.of(new Visitor()));
    }

    /** The policy of a field, if it has one: read from the SDL the field was defined in. */
    static Optional<Policy> policyOf(GraphQLFieldDefinition field) {
        if (field.getDefinition() == null) {
            return Optional.empty();
        }
        return field.getDefinition().getDirectives("policy").stream()
                .findFirst()
                .map(directive -> directive.getArgument("allow"))
                .filter(argument -> argument != null && argument.getValue() instanceof EnumValue)
                .map(argument -> Policy.valueOf(((EnumValue) argument.getValue()).getName()));
    }

    private final class Visitor extends GraphQLTypeVisitorStub {

        @Override
        public TraversalControl visitGraphQLFieldDefinition(
                GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
            if (context.getParentNode() instanceof GraphQLObjectType type
                    && (type.getName().equals("Query") || type.getName().equals("Mutation"))) {
                GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
                FieldCoordinates coordinates = FieldCoordinates.coordinates(type, field);
                DataFetcher<?> original = registry.getDataFetcher(coordinates, field);
                registry.dataFetcher(
                        coordinates,
                        guarded(
                                original,
                                policyOf(field),
                                type.getName() + "." + field.getName(),
                                type.getName().equals("Mutation")));
            }
            return TraversalControl.CONTINUE;
        }
    }

    /** The check, and for a mutation its audit entry (who, from where, what, on which record, how it ended). */
    private DataFetcher<?> guarded(
            DataFetcher<?> original, Optional<Policy> policy, String operation, boolean audited) {
        return env -> {
            Caller caller = currentUser.caller().orElse(null);
            String refusal = policy.isPresent() ? policy.get().refusal(caller) : "the operation has no @policy";
            if (refusal != null) {
                audit.denied(caller, operation, refusal);
                throw new OperationDeniedException(operation + ": " + refusal);
            }
            Object before = audited ? recordBefore(env.getArguments()) : null;
            Object result = original.get(env);
            if (audited) {
                String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r
                        ? r.getRequest().getRemoteAddr()
                        : null;
                if (result instanceof CompletionStage<?> stage) {
                    return stage.thenApply(payload -> {
                        audit.mutation(caller, address, operation, env.getArguments(), before, payload);
                        return payload;
                    });
                }
                audit.mutation(caller, address, operation, env.getArguments(), before, result);
            }
            return result;
        };
    }

    /**
     * The record a mutation is about to change ({@code input.id}), as the caller sees it now: the audit entry shows
     * its fields old and new. Null for a new record or one the caller may not see (the mutation then fails anyway).
     */
    private Object recordBefore(Map<String, Object> arguments) {
        return arguments.get("input") instanceof Map<?, ?> input && input.get("id") instanceof String id
                ? GlobalId.decode(id).flatMap(records::find).orElse(null)
                : null;
    }
}

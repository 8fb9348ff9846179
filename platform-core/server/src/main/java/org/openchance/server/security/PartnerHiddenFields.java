package org.openchance.server.security;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openchance.server.user.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * The opportunity fields external partners never see (null for them), on every path that shows an opportunity:
 * by id, in lists, in search hits, in plugin fields' parents. {@code openchance.security.partners.hidden-fields},
 * {@code budget} by default. Only fields that no filter, ordering or total reads can be hidden (an amount hidden
 * from the value but summed in {@code pipelineSummary} would not be hidden): a start with another is refused.
 */
@Component
public class PartnerHiddenFields implements GraphQlSourceBuilderCustomizer {

    static final Set<String> HIDEABLE = Set.of(
            "budget",
            "description",
            "competitorCount",
            "resourceAvailability",
            "resourcesAvailableFrom",
            "closeDetails");

    private final CurrentUser currentUser;
    private final Set<String> hidden;

    PartnerHiddenFields(
            CurrentUser currentUser,
            @Value("${openchance.security.partners.hidden-fields:budget}") List<String> fields) {
        this.currentUser = currentUser;
        this.hidden = new LinkedHashSet<>();
        for (String field : fields) {
            String name = field.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!HIDEABLE.contains(name)) {
                throw new IllegalStateException("openchance.security.partners.hidden-fields: " + name
                        + " cannot be hidden from partners (filters, orderings or totals read it); these can: "
                        + String.join(", ", HIDEABLE.stream().sorted().toList()));
            }
            hidden.add(name);
        }
    }

    /** Whether the request's user may not see this field of an opportunity (a partner, and the field hidden). */
    public boolean hiddenFromCaller(String field) {
        return hidden.contains(field) && currentUser.isPartner();
    }

    @Override
    public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
        builder.typeVisitors(List.of(new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLFieldDefinition(
                    GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
                if (context.getParentNode() instanceof GraphQLObjectType type
                        && type.getName().equals("Opportunity")
                        && hidden.contains(field.getName())) {
                    GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(type, field);
                    DataFetcher<?> original = registry.getDataFetcher(coordinates, field);
                    registry.dataFetcher(
                            coordinates, (DataFetcher<?>) env -> currentUser.isPartner() ? null : original.get(env));
                }
                return TraversalControl.CONTINUE;
            }
        }));
    }
}

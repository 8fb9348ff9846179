package org.openchance.plugins.faultyfields;

import java.util.Arrays;
import java.util.Map;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.osgi.service.component.annotations.Component;

/**
 * Adds non-null fields to the product's Opportunity and answers them with null, NaN and a list holding null: the
 * host must keep each failure in its own field, never null the opportunities (or the page) around it.
 */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=nulling")
public class NullingSchema implements SchemaContribution {

    @Override
    public String sdl() {
        return """
                extend type Opportunity {
                  "Always null, though declared non-null."
                  faultyFlag: Boolean!
                  "Always NaN."
                  faultyRatio: Float!
                  "A list with a null in it."
                  faultyTags: [String!]!
                }
                """;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Opportunity",
                Map.of(
                        "faultyFlag", ctx -> null,
                        "faultyRatio", ctx -> Double.NaN,
                        "faultyTags", ctx -> Arrays.asList("a", null)));
    }
}

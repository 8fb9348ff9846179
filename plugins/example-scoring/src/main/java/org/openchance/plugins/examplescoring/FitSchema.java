package org.openchance.plugins.examplescoring;

import java.util.List;
import java.util.Map;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.osgi.service.component.annotations.Component;

/** Adds {@code exampleFitCriteria} to the API: what the Fit score looks at, and how much each criterion counts. */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=example-fit")
public class FitSchema implements SchemaContribution {

    @Override
    public String sdl() {
        return """
                extend type Query {
                  \"""
                  The criteria of the example Fit score with their weights (example scoring plugin).
                  \"""
                  exampleFitCriteria: [ExampleFitCriterion!]! @policy(allow: SIGNED_IN)
                }

                \"""
                One criterion of the example Fit score (strategy `example-fit`).
                \"""
                type ExampleFitCriterion {
                  \"""
                  What the criterion looks at: Company size, Budget coverage or Partner on team.
                  \"""
                  name: String!
                  \"""
                  Its share of the Fit score in percent; the shares add up to 100.
                  \"""
                  weightPercent: Int!
                }
                """;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Query",
                Map.of(
                        "exampleFitCriteria",
                        context -> List.of(
                                Map.of("name", "Company size", "weightPercent", 40),
                                Map.of("name", "Budget coverage", "weightPercent", 40),
                                Map.of("name", "Partner on team", "weightPercent", 20))));
    }
}

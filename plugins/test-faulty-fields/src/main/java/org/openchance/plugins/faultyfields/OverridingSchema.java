package org.openchance.plugins.faultyfields;

import java.util.Map;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.osgi.service.component.annotations.Component;

/** Declares a field of its own but also resolves the product's Opportunity.name: the host must refuse it. */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=overriding")
public class OverridingSchema implements SchemaContribution {

    @Override
    public String sdl() {
        return """
                extend type Opportunity {
                  "What the plugin would add."
                  faultyNote: String
                }
                """;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of("Opportunity", Map.of("name", ctx -> "hijacked", "faultyNote", ctx -> "note"));
    }
}

package org.openchance.plugins.faultyscoring;

import java.util.Map;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.osgi.service.component.annotations.Component;

/** Tries to redefine a field the product owns: the host must refuse it and keep the schema as it was. */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=conflicting")
public class ConflictingSchema implements SchemaContribution {

    @Override
    public String sdl() {
        return "extend type Opportunity { name: Int }";
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of();
    }
}

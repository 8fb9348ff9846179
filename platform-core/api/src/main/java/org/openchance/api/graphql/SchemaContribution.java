package org.openchance.api.graphql;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Types and fields a plugin adds to the live GraphQL schema, e.g. {@code extend type Query { ... }}. The host adds
 * them when the plugin starts and takes them out when it stops, without a restart. A contribution that does not fit
 * the schema (a name taken, an unknown type) is refused and reported; the schema stays as it was.
 */
@ConsumerType
public interface SchemaContribution {

    /** The service property with the contribution's id, e.g. {@code scorecard}: unique, named in errors about it. */
    String ID = "openchance.schema.contribution";

    /** SDL: new types, and {@code extend type} for existing ones. */
    String sdl();

    /** Resolvers by type name, then field name: {@code Map.of("Query", Map.of("acmeThing", ctx -> ...))}. */
    Map<String, Map<String, FieldResolver>> resolvers();

    /**
     * Loaders of this contribution's own types that implement {@code Node}, by type name: {@code node(id)} with an id
     * of that type calls the loader with the record id as the argument {@code id} (a {@code UUID}) and answers the
     * object it returns (a map, as for any field), or null when it returns null.
     */
    default Map<String, FieldResolver> nodes() {
        return Map.of();
    }

    /**
     * Resolvers that take many occurrences of their field at once, by type name, then field name, as for
     * {@link #resolvers()} (a field is in one of the two maps, not both): for a field on a host type that a list
     * shows per record, e.g. {@code Map.of("Opportunity", Map.of("acmeRisk", contexts -> ...))}.
     */
    default Map<String, Map<String, BatchFieldResolver>> batchResolvers() {
        return Map.of();
    }
}

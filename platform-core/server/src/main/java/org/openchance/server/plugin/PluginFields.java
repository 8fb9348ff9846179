package org.openchance.server.plugin;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitor;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.openchance.api.graphql.SchemaContribution;

/**
 * The fields a schema contribution declares, and the host's rules for them: a plugin resolves only fields it declares
 * (it cannot replace the product's), and a field it adds to a product type ({@code Query}, {@code Mutation},
 * {@code Opportunity} ...) is served nullable whatever its SDL says, so a plugin's null or broken value ends at its own
 * field instead of nulling the product's objects above it (a whole {@code opportunities} page, say).
 */
record PluginFields(Set<String> declared, Set<String> onProductTypes, Set<String> declaredNonNull) {

    /** Type.field of everything the contribution's SDL declares, and of those it adds to types it does not own. */
    static PluginFields of(SchemaContribution contribution) {
        TypeDefinitionRegistry sdl = new SchemaParser().parse(contribution.sdl());
        Set<String> own = new HashSet<>();
        Set<String> declared = new HashSet<>();
        Set<String> nonNull = new HashSet<>();
        sdl.types().values().forEach(type -> {
            if (type instanceof ObjectTypeDefinition object) {
                own.add(object.getName());
                object.getFieldDefinitions().forEach(f -> {
                    declared.add(object.getName() + "." + f.getName());
                    if (f.getType() instanceof graphql.language.NonNullType) {
                        nonNull.add(object.getName() + "." + f.getName());
                    }
                });
            }
        });
        Set<String> onProductTypes = new HashSet<>();
        sdl.objectTypeExtensions().forEach((type, extensions) -> {
            for (ObjectTypeExtensionDefinition extension : extensions) {
                for (FieldDefinition f : extension.getFieldDefinitions()) {
                    declared.add(type + "." + f.getName());
                    if (f.getType() instanceof graphql.language.NonNullType) {
                        nonNull.add(type + "." + f.getName());
                    }
                    if (!own.contains(type)) {
                        onProductTypes.add(type + "." + f.getName());
                    }
                }
            }
        });
        return new PluginFields(declared, onProductTypes, nonNull);
    }

    /** Refuses resolvers for fields the contribution does not declare: they would replace the product's. */
    void requireOwnResolvers(Map<String, ? extends Map<String, ?>> resolvers) {
        resolvers.forEach((type, fields) -> fields.keySet().forEach(field -> {
            if (!declared.contains(type + "." + field)) {
                throw new IllegalArgumentException("it resolves " + type + "." + field
                        + ", which its SDL does not declare: a plugin cannot replace the product's fields");
            }
        }));
    }

    /** Makes the given Type.field definitions nullable (their type without its outer non-null). */
    static GraphQLTypeVisitor nullable(Set<String> fields) {
        return new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLFieldDefinition(
                    GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
                if (context.getParentNode() instanceof GraphQLObjectType parent
                        && fields.contains(parent.getName() + "." + field.getName())
                        && field.getType() instanceof GraphQLNonNull) {
                    GraphQLOutputType relaxed = (GraphQLOutputType) GraphQLTypeUtil.unwrapNonNull(field.getType());
                    return changeNode(context, field.transform(f -> f.type(relaxed)));
                }
                return TraversalControl.CONTINUE;
            }
        };
    }

    /**
     * Why a plugin's value cannot be served in a field (null where its SDL says non-null, even if it is served
     * nullable; a number JSON cannot carry), or null when it can.
     */
    static String unusable(Object value, boolean declaredNonNull) {
        if (value == null) {
            return declaredNonNull ? "null returned for a non-null field" : null;
        }
        if ((value instanceof Double d && (d.isNaN() || d.isInfinite()))
                || (value instanceof Float f && (f.isNaN() || f.isInfinite()))) {
            return value + " returned, not a number JSON can carry";
        }
        return null;
    }
}

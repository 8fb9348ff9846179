package org.openchance.api.graphql;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Computes one field. Return plain values: strings, numbers, booleans, {@code java.time} dates, lists, and maps from
 * field name to value for objects. Called with the host's time budget; an exception becomes an error of this field.
 */
@ConsumerType
@FunctionalInterface
public interface FieldResolver {

    Object resolve(FieldContext context) throws Exception;
}

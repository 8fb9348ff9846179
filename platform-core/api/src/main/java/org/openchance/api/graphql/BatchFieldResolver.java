package org.openchance.api.graphql;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Computes one field for many parents at once: a field a plugin adds to a host type (say {@code Opportunity}) in a page
 * of 50 then costs one call (one statement, say) instead of 50. The host collects the field's occurrences of one
 * request that are resolved together and calls this once for them, with the host's time budget; an exception (or a
 * list of the wrong size) becomes an error of each of those fields, and the rest of the response stands. Return plain
 * values, as {@link FieldResolver} does.
 */
@ConsumerType
@FunctionalInterface
public interface BatchFieldResolver {

    /**
     * @param contexts each occurrence of the field: its parent ({@link FieldContext#sourceRecordId()}), its arguments
     *     (which may differ between occurrences), the same user
     * @return one value per context, in the same order
     */
    List<?> resolveAll(List<FieldContext> contexts) throws Exception;
}

package org.openchance.api.graphql;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What a resolver knows about the field being resolved. */
@ProviderType
public interface FieldContext {

    /** The field's arguments as plain values. */
    Map<String, Object> arguments();

    /** The parent object as the parent field's resolver returned it (a map for plugin types), or null at the root. */
    Object source();

    /** The API id of the user the request acts for. */
    Optional<String> currentUserId();
}

package org.openchance.api.graphql;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    /**
     * Whether the request acts for an external partner (a user of kind PARTNER) rather than an employee: for what a
     * plugin shows only inside the company, such as its analysis of competitors.
     */
    boolean partner();

    /**
     * The record id of the parent object when it is one of the host's records, e.g. the opportunity of a field a
     * plugin adds with {@code extend type Opportunity}; empty at the root and for plugin types.
     */
    Optional<UUID> sourceRecordId();

    /**
     * The record id inside an API id of the given type ({@code Opportunity}, {@code Account}, ...): what a plugin
     * stores. Empty when the id is not one of that type, and when it names one of the host's records that the
     * request's user may not see: a plugin's query by id then answers as if the record did not exist.
     */
    Optional<UUID> recordId(String apiId, String type);

    /**
     * The API id of a record of the given type, e.g. {@code apiId("Competitor", uuid)} for a plugin's own type: what
     * {@link #recordId} reads back and {@code node} resolves.
     */
    String apiId(String type, UUID recordId);

    /**
     * A scalar field of the parent object when it is one of the host's values, as the host holds it: e.g.
     * {@code winningCompetitorId} of {@code CloseDetails} for a field a plugin adds there. Empty at the root, for plugin
     * types, for fields the parent does not have and when the value is null.
     */
    Optional<Object> sourceValue(String field);
}

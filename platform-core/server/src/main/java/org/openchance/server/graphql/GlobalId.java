package org.openchance.server.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The opaque IDs of the API: {@code base64url("Type:uuid")}. Clients must not parse them; the server can tell the
 * type from the ID alone, which is what {@code Query.node} needs.
 */
public record GlobalId(String type, UUID uuid) {

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((type + ":" + uuid).getBytes(StandardCharsets.UTF_8));
    }

    public static String of(String type, UUID uuid) {
        return new GlobalId(type, uuid).encode();
    }

    /** The ID decoded, or empty when it is not one of ours (a client's typo is "not found", not a crash). */
    public static Optional<GlobalId> decode(String id) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new GlobalId(raw.substring(0, colon), UUID.fromString(raw.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The UUID of an ID that must be of {@code expectedType}, or empty. */
    public static Optional<UUID> decode(String id, String expectedType) {
        return decode(id).filter(g -> g.type().equals(expectedType)).map(GlobalId::uuid);
    }
}

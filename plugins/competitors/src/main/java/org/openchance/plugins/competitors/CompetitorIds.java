package org.openchance.plugins.competitors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchance.api.model.NameKey;

/**
 * Which competitor a close names, outside a request (no FieldContext): a Competitor ID, the free text of older closes
 * matched by name, or on purpose none ({@code NO_DECISION}, {@code UNKNOWN}, {@code NONE}).
 */
final class CompetitorIds {

    private CompetitorIds() {}

    /** The record id inside a Competitor API id (base64url of "Competitor:uuid"); empty for anything else. */
    static Optional<UUID> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String prefix = CompetitorSchema.TYPE + ":";
            return plain.startsWith(prefix)
                    ? Optional.of(UUID.fromString(plain.substring(prefix.length())))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The competitor (after merges) a close names, given every competitor's current one ({@code current}) and the
     * live ones by folded name; null when it names none or none that exists.
     */
    static UUID winner(String given, Map<UUID, UUID> current, Map<String, UUID> byName) {
        if (given == null || given.isBlank() || Analysis.NO_COMPETITOR.contains(given)) {
            return null;
        }
        UUID id = decode(given).orElseGet(() -> byName.get(NameKey.of(given)));
        return id == null ? null : current.get(id);
    }
}

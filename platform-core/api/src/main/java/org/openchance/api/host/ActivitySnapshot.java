package org.openchance.api.host;

import java.time.Instant;
import java.util.UUID;

/** A timeline entry as a plugin sees it. {@code type}: CALL, MEETING, EMAIL, NOTE, MATERIAL, PRESENTATION, MILESTONE. */
public record ActivitySnapshot(UUID id, UUID opportunityId, UUID accountId, String type, String subject, String body,
                               String outcome, Instant occurredAt) {
}

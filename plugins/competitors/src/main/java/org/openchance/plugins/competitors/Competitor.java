package org.openchance.plugins.competitors;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A company we compete with, as stored; {@code mergedInto} is set once it was merged into another one. */
record Competitor(
        UUID id,
        String name,
        String website,
        String description,
        String strengths,
        String weaknesses,
        String opportunities,
        String threats,
        String pricePosition,
        List<String> tags,
        Instant archivedAt,
        UUID mergedInto,
        int version,
        Instant createdAt,
        Instant updatedAt) {}

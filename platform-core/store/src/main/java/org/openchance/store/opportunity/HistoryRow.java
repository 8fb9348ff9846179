package org.openchance.store.opportunity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;
import org.openchance.store.history.FieldChangeRow;

/** A row of {@code opportunity_history}: one tracked field changed. */
@MappedEntity("opportunity_history")
public record HistoryRow(
        @Id @GeneratedValue @Nullable Long id,
        UUID opportunityId,
        String field,
        @Nullable String oldValue,
        @Nullable String newValue,
        Instant changedAt,
        @Nullable UUID changedBy)
        implements FieldChangeRow {}

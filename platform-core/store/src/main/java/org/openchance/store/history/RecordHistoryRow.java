package org.openchance.store.history;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code record_history}: one field of an account, contact, lead or task changed. */
@MappedEntity("record_history")
public record RecordHistoryRow(
        @Id @GeneratedValue @Nullable Long id,
        String recordType,
        UUID recordId,
        String field,
        @Nullable String oldValue,
        @Nullable String newValue,
        Instant changedAt,
        @Nullable UUID changedBy)
        implements FieldChangeRow {}

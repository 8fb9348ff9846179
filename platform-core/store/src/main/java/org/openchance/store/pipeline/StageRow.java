package org.openchance.store.pipeline;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.util.UUID;

/** A row of {@code stage}: one step of a pipeline. */
@MappedEntity("stage")
public record StageRow(
        @Id UUID id,
        UUID pipelineId,
        String name,
        int position,
        int defaultProbability,
        String forecastCategory,
        @MappedProperty("is_closed") boolean closed,
        @MappedProperty("is_won") boolean won,
        @io.micronaut.core.annotation.Nullable Integer stalledAfterDays,
        @TypeDef(type = DataType.STRING_ARRAY) String[] requiredFields,
        @io.micronaut.core.annotation.Nullable java.time.Instant removedAt) {

    /** Still part of its pipeline (a removed stage only names where closed deals and history have been). */
    public boolean live() {
        return removedAt == null;
    }
}

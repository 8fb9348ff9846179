package org.openchance.store.pipeline;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
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
        @io.micronaut.core.annotation.Nullable Integer stalledAfterDays) {}

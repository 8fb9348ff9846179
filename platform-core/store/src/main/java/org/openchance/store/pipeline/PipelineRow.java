package org.openchance.store.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.UUID;

/** A row of {@code pipeline}: an ordered set of stages an opportunity moves through. */
@MappedEntity("pipeline")
public record PipelineRow(
        @Id UUID id,
        String name,
        int position,
        @MappedProperty("is_default") boolean defaultPipeline,
        @Nullable @MappedProperty("scoring_strategy") String scoringStrategy,
        int version,
        boolean archived,
        boolean lostRequiresReason,
        boolean lostRequiresCompetitor) {}

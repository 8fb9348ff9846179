package org.openchance.store.pipeline;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Pipelines, their stages and close reasons: read often, changed rarely. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PipelineRepository extends GenericRepository<PipelineRow, UUID> {

    List<PipelineRow> findAllOrderByPosition();

    Optional<PipelineRow> findById(UUID id);

    @Query("select * from stage order by pipeline_id, position")
    List<StageRow> allStages();

    /** The reasons offered when closing with this outcome (not the retired ones). */
    @Query("select reason from close_reason where pipeline_id = :pipelineId and outcome = :outcome"
            + " and retired_at is null order by position")
    List<String> closeReasons(UUID pipelineId, String outcome);

    /** Every reason of the outcome, the retired ones too (they stay on closed deals). */
    @Query("select reason from close_reason where pipeline_id = :pipelineId and outcome = :outcome order by position")
    List<String> allCloseReasons(UUID pipelineId, String outcome);
}

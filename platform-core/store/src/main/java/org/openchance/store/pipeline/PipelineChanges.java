package org.openchance.store.pipeline;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes of pipeline configuration: pipelines, their stages in order, close reasons. Callers run them in one
 * transaction and check the pipeline's version first ({@link #claimVersion}), so that two administrators' changes of
 * one pipeline cannot interleave.
 */
public final class PipelineChanges {

    private final JdbcTemplate jdbc;

    public PipelineChanges(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void insertPipeline(
            UUID id, String name, boolean isDefault, boolean lostRequiresReason, boolean lostRequiresCompetitor) {
        jdbc.update(
                "insert into pipeline (id, name, position, is_default, lost_requires_reason, lost_requires_competitor)"
                        + " values (?, ?, (select coalesce(max(position), 0) + 1 from pipeline), ?, ?, ?)",
                id,
                name,
                isDefault,
                lostRequiresReason,
                lostRequiresCompetitor);
    }

    /** Takes the default flag from every other pipeline (one default at a time). */
    public void clearDefaultExcept(UUID id) {
        jdbc.update("update pipeline set is_default = false where is_default and id <> ?", id);
    }

    public void updatePipeline(
            UUID id,
            String name,
            boolean isDefault,
            boolean archived,
            boolean lostRequiresReason,
            boolean lostRequiresCompetitor) {
        jdbc.update(
                "update pipeline set name = ?, is_default = ?, archived = ?, lost_requires_reason = ?,"
                        + " lost_requires_competitor = ? where id = ?",
                name,
                isDefault,
                archived,
                lostRequiresReason,
                lostRequiresCompetitor,
                id);
    }

    /**
     * The pipeline's next version, if it is at {@code expected}: every change of a pipeline, its stages or reasons
     * claims one, and the row lock it takes keeps a second change of the same pipeline waiting until this one ends.
     */
    public boolean claimVersion(UUID pipelineId, int expected) {
        return jdbc.update(
                        "update pipeline set version = version + 1 where id = ? and version = ?", pipelineId, expected)
                == 1;
    }

    public void insertStage(
            UUID id,
            UUID pipelineId,
            String name,
            int position,
            int defaultProbability,
            String forecastCategory,
            boolean closed,
            boolean won,
            Integer stalledAfterDays,
            List<String> requiredFields) {
        jdbc.update(
                "insert into stage (id, pipeline_id, name, position, default_probability, forecast_category, is_closed,"
                        + " is_won, stalled_after_days, required_fields) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                pipelineId,
                name,
                position,
                defaultProbability,
                forecastCategory,
                closed,
                won,
                stalledAfterDays,
                requiredFields.toArray(String[]::new));
    }

    public void updateStage(
            UUID id,
            String name,
            int defaultProbability,
            String forecastCategory,
            Integer stalledAfterDays,
            List<String> requiredFields) {
        jdbc.update(
                "update stage set name = ?, default_probability = ?, forecast_category = ?, stalled_after_days = ?,"
                        + " required_fields = ? where id = ?",
                name,
                defaultProbability,
                forecastCategory,
                stalledAfterDays,
                requiredFields.toArray(String[]::new),
                id);
    }

    /**
     * Gives the live stages these positions, 1, 2, 3 ... in this order. In two steps: positions are unique among live
     * stages at every row, so they first move out of the way (negative), then to their places.
     */
    public void order(UUID pipelineId, List<UUID> stages) {
        jdbc.update(
                "update stage set position = -position where pipeline_id = ? and removed_at is null and position > 0",
                pipelineId);
        for (int i = 0; i < stages.size(); i++) {
            jdbc.update("update stage set position = ? where id = ?", i + 1, stages.get(i));
        }
    }

    /** Takes the stage out of its pipeline; its row stays for the closed deals and history that name it. */
    public void removeStage(UUID id) {
        jdbc.update("update stage set removed_at = now(), position = -abs(position) - 1000000 where id = ?", id);
    }

    /** Every opportunity in the stage, deleted ones too (a restored deal must not land in a removed stage). */
    public List<UUID> opportunitiesIn(UUID stageId) {
        return jdbc.queryForList("select id from opportunity where stage_id = ? order by id", UUID.class, stageId);
    }

    public boolean addCloseReason(UUID pipelineId, String outcome, String reason) {
        return jdbc.update(
                        "insert into close_reason (pipeline_id, outcome, reason, position) values (?, ?, ?, (select"
                                + " coalesce(max(position), 0) + 1 from close_reason where pipeline_id = ? and outcome = ?))"
                                + " on conflict do nothing",
                        pipelineId,
                        outcome,
                        reason,
                        pipelineId,
                        outcome)
                == 1;
    }

    /**
     * Renames the reason, on the closed deals that gave it too (their history keeps what they were closed with).
     *
     * @return how many closed deals now show the new name
     */
    public int renameCloseReason(UUID pipelineId, String outcome, String reason, String newName) {
        jdbc.update(
                "update close_reason set reason = ? where pipeline_id = ? and outcome = ? and reason = ?",
                newName,
                pipelineId,
                outcome,
                reason);
        return jdbc.update(
                "update opportunity set close_reasons = array_replace(close_reasons, ?, ?)"
                        + " where pipeline_id = ? and status = ? and ? = any(close_reasons)",
                reason,
                newName,
                pipelineId,
                outcome,
                reason);
    }

    /** Offered again (a retired reason added once more). */
    public boolean unretireCloseReason(UUID pipelineId, String outcome, String reason) {
        return jdbc.update(
                        "update close_reason set retired_at = null where pipeline_id = ? and outcome = ? and reason = ?"
                                + " and retired_at is not null",
                        pipelineId,
                        outcome,
                        reason)
                == 1;
    }

    /** No longer offered; closed deals keep it. */
    public void retireCloseReason(UUID pipelineId, String outcome, String reason) {
        jdbc.update(
                "update close_reason set retired_at = now() where pipeline_id = ? and outcome = ? and reason = ?"
                        + " and retired_at is null",
                pipelineId,
                outcome,
                reason);
    }
}

package org.openchance.store.scoring;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code opportunity_score}: each opportunity's score under its pipeline's strategy, kept so that lists can be ordered
 * by score in SQL; and which strategy each pipeline uses.
 */
public final class ScoreStore {

    /** A score to keep, stamped with the time its opportunity was read. */
    public record KeptScore(UUID opportunityId, String strategy, String revision, BigDecimal value, Instant readAt) {}

    private final JdbcTemplate jdbc;

    public ScoreStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The strategy behind the pipeline's {@code Opportunity.score}; null: none. */
    public void setPipelineStrategy(UUID pipelineId, String strategy) {
        jdbc.update("update pipeline set scoring_strategy = ? where id = ?", strategy, pipelineId);
    }

    /** Forgets the scores of opportunities in every pipeline but these (those without an active strategy). */
    public void forgetAllBut(Collection<UUID> pipelineIds) {
        jdbc.update(
                "delete from opportunity_score sc using opportunity o where o.id = sc.opportunity_id"
                        + " and o.pipeline_id <> all(?)",
                (Object) pipelineIds.toArray(UUID[]::new));
    }

    /**
     * Up to {@code limit} opportunities of the pipeline with ids after {@code after}, in id order, whose kept score is
     * missing, under another strategy or revision, or (when open) computed before {@code today}.
     */
    public List<UUID> stale(UUID pipelineId, UUID after, String strategy, String revision, LocalDate today, int limit) {
        return jdbc.queryForList("""
                select o.id from opportunity o left join opportunity_score sc on sc.opportunity_id = o.id
                where o.pipeline_id = ? and o.id > ? and o.deleted_at is null
                  and (sc.opportunity_id is null or sc.strategy <> ? or sc.revision <> ?
                       or (o.status = 'OPEN' and sc.computed_at < ?))
                order by o.id limit ?""", UUID.class, pipelineId, after, strategy, revision, Date.valueOf(today), limit);
    }

    /** Keeps the scores; a score read earlier never replaces one read later. */
    public void keep(List<KeptScore> scores) {
        jdbc.batchUpdate(
                """
                insert into opportunity_score (opportunity_id, strategy, revision, value, computed_at)
                values (?, ?, ?, ?, ?)
                on conflict (opportunity_id) do update set strategy = excluded.strategy, revision = excluded.revision,
                    value = excluded.value, computed_at = excluded.computed_at
                where opportunity_score.computed_at <= excluded.computed_at""",
                scores.stream()
                        .map(s -> new Object[] {
                            s.opportunityId(), s.strategy(), s.revision(), s.value(), Timestamp.from(s.readAt())
                        })
                        .toList());
    }
}

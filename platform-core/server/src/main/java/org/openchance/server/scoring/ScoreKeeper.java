package org.openchance.server.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.event.DomainEvent;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.ScoringStrategy;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.event.BatchEventListener;
import org.openchance.server.support.BackgroundWorker;
import org.openchance.store.opportunity.OpportunityQueries;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.RowsById;
import org.openchance.store.scoring.ScoreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code opportunity_score}: every opportunity's score under its pipeline's strategy, so that lists can be
 * ordered by score in SQL. Events rescore the opportunities they touch (an account's change: all of its
 * opportunities). A sweep rescores what events do not announce: rows scored under another strategy or an older
 * revision of it (a new scorecard version, a retrained model, a pipeline that chose another strategy, a plugin that
 * came or went) and, once a day, open opportunities, whose days to close move with the calendar.
 */
@Component
public class ScoreKeeper implements BatchEventListener, SmartLifecycle {

    public static final String NAME = "score-keeper";
    private static final Logger LOG = LoggerFactory.getLogger(ScoreKeeper.class);
    private static final int BATCH = 500;
    /** The lowest uuid as PostgreSQL orders them (bytewise, unsigned: not Java's signed {@code UUID.compareTo}). */
    private static final UUID LOWEST = new UUID(0, 0);
    /** Scores per plugin call: well within the call's time budget, and few hand-offs to the guarded call. */
    private static final int PER_CALL = 100;

    private final PipelineStrategies pipelineStrategies;
    private final PluginRegistry registry;
    private final Snapshots snapshots;
    private final RowsById<OpportunityRow> opportunities;
    private final OpportunityQueries opportunityQueries;
    private final ScoreStore scores;
    private final BackgroundWorker sweeper;
    /** Where the sweep of each pipeline goes on (by id); it starts over once it finds nothing more. */
    private final Map<UUID, UUID> sweptUpTo = new HashMap<>();

    ScoreKeeper(
            PipelineStrategies pipelineStrategies,
            PluginRegistry registry,
            Snapshots snapshots,
            RowsById<OpportunityRow> opportunities,
            OpportunityQueries opportunityQueries,
            ScoreStore scores,
            @Value("${openchance.scoring.sweep-interval:5s}") Duration sweepInterval) {
        this.pipelineStrategies = pipelineStrategies;
        this.registry = registry;
        this.snapshots = snapshots;
        this.opportunities = opportunities;
        this.opportunityQueries = opportunityQueries;
        this.scores = scores;
        this.sweeper = new BackgroundWorker("openchance-score-sweep", sweepInterval, this::sweep);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Scores are computed from the current state, so a record's events need not wait for each other. */
    @Override
    public boolean ordered() {
        return false;
    }

    @Override
    public Map<Long, String> onEvents(List<DomainEvent> events) {
        Set<UUID> touched = new LinkedHashSet<>();
        List<UUID> accounts = new ArrayList<>();
        for (DomainEvent event : events) {
            if (event.type().startsWith("activity.") || event.type().startsWith("task.")) {
                continue; // logged on an opportunity, but not what scores read
            }
            switch (event.aggregateType()) {
                case "Opportunity" -> touched.add(event.aggregateId());
                case "Account" -> accounts.add(event.aggregateId());
                default -> {
                    // contacts, leads and tasks do not change scores
                }
            }
        }
        if (!accounts.isEmpty()) {
            touched.addAll(opportunityQueries.idsOfAccounts(accounts));
        }
        Map<UUID, Extension<ScoringStrategy>> chosen = pipelineStrategies.byPipeline();
        if (touched.isEmpty() || chosen.isEmpty()) {
            return Map.of();
        }
        List<UUID> ids = new ArrayList<>(touched);
        Map<String, String> revisions = revisions(chosen);
        for (int from = 0; from < ids.size(); from += BATCH) {
            rescore(ids.subList(from, Math.min(ids.size(), from + BATCH)), chosen, revisions);
        }
        return Map.of(); // a score that failed is left to the sweep: a plugin's failure is not the event's
    }

    /** Whether the sweep is still rescoring (its last round found stale scores), e.g. after a new scorecard. */
    public boolean sweeping() {
        return sweeper.busy();
    }

    /** Run a sweep now, e.g. after a pipeline chose another strategy. */
    public void wake() {
        sweeper.wake();
    }

    /**
     * One round of the sweep: rescores the next batch of stale rows of each pipeline, forgets the scores of pipelines
     * without an active strategy. Returns 0 once a pass over all rows found nothing left (the worker then waits),
     * else at least 1, also when the plugin failed them all: the pass goes on past them.
     */
    int sweep() {
        Map<UUID, Extension<ScoringStrategy>> chosen = pipelineStrategies.byPipeline();
        scores.forgetAllBut(chosen.keySet());
        Map<String, String> revisions = revisions(chosen);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int stored = 0;
        for (Map.Entry<UUID, Extension<ScoringStrategy>> entry : chosen.entrySet()) {
            String strategy = entry.getValue().id();
            String revision = revisions.get(strategy);
            if (revision == null) {
                continue;
            }
            List<UUID> stale = scores.stale(
                    entry.getKey(), sweptUpTo.getOrDefault(entry.getKey(), LOWEST), strategy, revision, today, BATCH);
            if (stale.isEmpty()) {
                sweptUpTo.remove(entry.getKey()); // the next round starts over: rows may have gone stale behind us
            } else {
                sweptUpTo.put(entry.getKey(), stale.get(stale.size() - 1));
                stored += Math.max(1, rescore(stale, chosen, revisions));
            }
        }
        return stored;
    }

    /** Each active strategy's current revision, by strategy id; missing when the plugin failed to say. */
    private Map<String, String> revisions(Map<UUID, Extension<ScoringStrategy>> chosen) {
        Map<String, String> revisions = new HashMap<>();
        for (Extension<ScoringStrategy> s : chosen.values()) {
            if (!revisions.containsKey(s.id())) {
                try {
                    revisions.put(s.id(), registry.call(s.pluginId(), () -> s.service()
                            .revision()));
                } catch (PluginCallException e) {
                    LOG.warn("Scores of {} not kept for now: {}", s.id(), e.getMessage());
                }
            }
        }
        return revisions;
    }

    /**
     * Scores the opportunities as they are now and keeps the scores, each stamped with the time it was read: a score
     * read earlier (a sweep that overlapped an edit) never replaces one read later (the edit's event).
     */
    private int rescore(List<UUID> ids, Map<UUID, Extension<ScoringStrategy>> chosen, Map<String, String> revisions) {
        Instant readAt = Instant.now();
        List<OpportunityRow> rows = opportunities.find(ids);
        Map<OpportunityRow, OpportunitySnapshot> snapshotOf = snapshots.of(rows);
        Map<Extension<ScoringStrategy>, List<OpportunitySnapshot>> byStrategy = new LinkedHashMap<>();
        for (OpportunityRow o : rows) {
            Extension<ScoringStrategy> s = chosen.get(o.pipelineId());
            if (s != null && revisions.containsKey(s.id())) {
                byStrategy.computeIfAbsent(s, k -> new ArrayList<>()).add(snapshotOf.get(o));
            }
        }
        List<ScoreStore.KeptScore> kept = new ArrayList<>();
        byStrategy.forEach((s, list) -> {
            for (int from = 0; from < list.size(); from += PER_CALL) {
                // a score that fails is recorded by the registry and tried again by the sweep
                BatchScoring.score(registry, s, list.subList(from, Math.min(list.size(), from + PER_CALL)))
                        .forEach((id, score) -> kept.add(new ScoreStore.KeptScore(
                                id,
                                s.id(),
                                revisions.get(s.id()),
                                BigDecimal.valueOf(score.value()).setScale(2, RoundingMode.HALF_UP),
                                readAt)));
            }
        });
        scores.keep(kept);
        return kept.size();
    }

    @Override
    public void start() {
        sweeper.start();
    }

    @Override
    public void stop() {
        sweeper.stop();
    }

    @Override
    public boolean isRunning() {
        return sweeper.isRunning();
    }
}

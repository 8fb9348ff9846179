package org.openchance.plugins.scoringcriteria;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Contribution;
import org.openchance.api.scoring.Score;
import org.openchance.api.storage.PluginStorage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Each opportunity's score history: recorded after every change of an opportunity ({@link ScoreHistoryListener})
 * and, in the background, for all opportunities after a scorecard change. A new row only when the value or the
 * scorecard version differs from the opportunity's latest, so the history shows movements, not repetitions.
 */
@Component(service = ScoreHistory.class)
public class ScoreHistory {

    /** A stored score with its contributions. */
    public record Entry(double value, int scorecardVersion, Instant computedAt, List<Contribution> contributions) {}

    /** Where the recomputation after a scorecard change stands. */
    public record Recompute(int version, long done, boolean running, Instant finishedAt) {}

    private final DataSource database;
    private final ScorecardStore store;
    private final OpportunityReader opportunities;
    private final AtomicReference<Recompute> recompute = new AtomicReference<>();
    private volatile Thread worker;

    @Activate
    public ScoreHistory(
            @Reference PluginStorage storage,
            @Reference ScorecardStore store,
            @Reference OpportunityReader opportunities) {
        this.database = storage.dataSource();
        this.store = store;
        this.opportunities = opportunities;
        startHistoryIfEmpty();
    }

    /**
     * On the plugin's first run every opportunity gets a first history entry, so that the history of data that was
     * there before (imported, or the demo data) starts with its score then; later entries come with changes.
     */
    private void startHistoryIfEmpty() {
        try (Connection db = database.getConnection();
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select exists (select 1 from criteria_score)")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                recomputeAll();
            }
        } catch (SQLException e) {
            // no first entries then: each opportunity's history starts with its next change
        }
    }

    /** Records the opportunity's score with the current scorecard (when it still exists). */
    void record(UUID opportunityId) throws SQLException {
        var opportunity = opportunities.opportunity(opportunityId);
        if (opportunity.isPresent()) {
            record(List.of(opportunity.get()), store.current());
        }
    }

    /** Scores every opportunity with the current scorecard, page by page, in a thread of its own. */
    public synchronized void recomputeAll() throws SQLException {
        Scorecard scorecard = store.current();
        Thread previous = worker;
        if (previous != null) {
            previous.interrupt(); // a newer version supersedes a running recomputation
        }
        AtomicLong done = new AtomicLong();
        recompute.set(new Recompute(scorecard.version(), 0, true, null));
        Thread thread = new Thread(
                () -> {
                    try {
                        String after = null;
                        OpportunityReader.Page page;
                        do {
                            page = opportunities.opportunities(null, null, 100, after);
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                            if (!page.items().isEmpty()) {
                                record(page.items(), scorecard);
                            }
                            recompute.set(new Recompute(
                                    scorecard.version(),
                                    done.addAndGet(page.items().size()),
                                    true,
                                    null));
                            after = page.endCursor();
                        } while (page.hasNext());
                        recompute.set(new Recompute(scorecard.version(), done.get(), false, Instant.now()));
                    } catch (SQLException | RuntimeException e) {
                        recompute.set(new Recompute(scorecard.version(), done.get(), false, null));
                    }
                },
                "scoring-criteria-recompute");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    public Recompute recompute() {
        return recompute.get();
    }

    @Deactivate
    void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }

    /**
     * Stores each opportunity's score unless it equals its latest one (value and scorecard version): a page in one
     * transaction and a handful of statements, whatever its size.
     */
    void record(List<OpportunitySnapshot> page, Scorecard scorecard) throws SQLException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<UUID, Score> scores = new LinkedHashMap<>();
        page.forEach(opportunity -> scores.put(opportunity.id(), scorecard.score(opportunity, today)));
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try {
                try (PreparedStatement s = db.prepareStatement(
                        "select distinct on (opportunity_id) opportunity_id, value,"
                                + " scorecard_version from criteria_score where opportunity_id = any(?) order by opportunity_id, id desc")) {
                    s.setArray(1, db.createArrayOf("uuid", scores.keySet().toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            UUID id = rs.getObject(1, UUID.class);
                            if (rs.getBigDecimal(2)
                                                    .compareTo(BigDecimal.valueOf(
                                                            scores.get(id).value()))
                                            == 0
                                    && rs.getInt(3) == scorecard.version()) {
                                scores.remove(id); // unchanged: no new row
                            }
                        }
                    }
                }
                if (!scores.isEmpty()) {
                    insert(db, scores, scorecard.version());
                }
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private static void insert(Connection db, Map<UUID, Score> scores, int version) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(
                "insert into criteria_score (opportunity_id, scorecard_version, value)" + " values (?, ?, ?)",
                new String[] {"id"})) {
            for (Map.Entry<UUID, Score> score : scores.entrySet()) {
                s.setObject(1, score.getKey());
                s.setInt(2, version);
                s.setBigDecimal(3, BigDecimal.valueOf(score.getValue().value()));
                s.addBatch();
            }
            s.executeBatch();
            try (ResultSet keys = s.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        try (PreparedStatement s = db.prepareStatement("insert into criteria_score_contribution (score_id, position,"
                + " criterion, weight, value, points, explanation) values (?, ?, ?, ?, ?, ?, ?)")) {
            int row = 0;
            for (Score score : scores.values()) {
                long id = ids.get(row++);
                for (int i = 0; i < score.contributions().size(); i++) {
                    Contribution c = score.contributions().get(i);
                    s.setLong(1, id);
                    s.setInt(2, i + 1);
                    s.setString(3, c.criterion());
                    s.setBigDecimal(4, BigDecimal.valueOf(c.weight()));
                    s.setString(5, c.value());
                    s.setBigDecimal(6, BigDecimal.valueOf(c.points()));
                    s.setString(7, c.explanation());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** The opportunity's stored scores, newest first. */
    public List<Entry> history(UUID opportunityId, int limit) throws SQLException {
        return histories(List.of(opportunityId), limit).getOrDefault(opportunityId, List.of());
    }

    /**
     * The stored scores of many opportunities, newest first, at most {@code limit} each: two statements for all of
     * them (a page of opportunities with their score history). Opportunities without any are left out.
     */
    public Map<UUID, List<Entry>> histories(Collection<UUID> opportunityIds, int limit) throws SQLException {
        Map<Long, Entry> entries = new LinkedHashMap<>();
        Map<UUID, List<Entry>> byOpportunity = new LinkedHashMap<>();
        try (Connection db = database.getConnection()) {
            try (PreparedStatement s = db.prepareStatement("select h.* from unnest(?) as p(opportunity_id)"
                    + " cross join lateral (select id, opportunity_id, value, scorecard_version, computed_at"
                    + " from criteria_score c where c.opportunity_id = p.opportunity_id order by id desc limit ?) h"
                    + " order by h.opportunity_id, h.id desc")) {
                // each once: a deal asked for twice would come back twice from the lateral join
                s.setArray(1, db.createArrayOf("uuid", new LinkedHashSet<>(opportunityIds).toArray()));
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Entry entry = new Entry(
                                rs.getBigDecimal("value").doubleValue(),
                                rs.getInt("scorecard_version"),
                                rs.getTimestamp("computed_at").toInstant(),
                                new ArrayList<>());
                        entries.put(rs.getLong("id"), entry);
                        byOpportunity
                                .computeIfAbsent(rs.getObject("opportunity_id", UUID.class), id -> new ArrayList<>())
                                .add(entry);
                    }
                }
            }
            if (!entries.isEmpty()) {
                try (PreparedStatement s = db.prepareStatement(
                        "select score_id, criterion, weight, value, points, explanation"
                                + " from criteria_score_contribution where score_id = any(?) order by score_id, position")) {
                    s.setArray(1, db.createArrayOf("bigint", entries.keySet().toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            entries.get(rs.getLong("score_id"))
                                    .contributions()
                                    .add(new Contribution(
                                            rs.getString("criterion"),
                                            rs.getBigDecimal("weight").doubleValue(),
                                            rs.getString("value"),
                                            rs.getBigDecimal("points").doubleValue(),
                                            rs.getString("explanation")));
                        }
                    }
                }
            }
        }
        return byOpportunity;
    }
}

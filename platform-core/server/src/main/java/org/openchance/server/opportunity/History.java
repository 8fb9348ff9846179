package org.openchance.server.opportunity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.openchance.store.SqlArrays;
import org.openchance.store.opportunity.HistoryRepository;
import org.openchance.store.opportunity.HistoryRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.springframework.stereotype.Component;

/**
 * Records every change of a tracked field, in the caller's transaction. Values are stored as text: ids as UUIDs,
 * money as "amount currency", dates ISO.
 */
@Component
class History {

    /** The tracked fields and how each reads its value. */
    static final List<Tracked> FIELDS = List.of(
            new Tracked("pipeline", r -> r.pipelineId().toString()),
            new Tracked("stage", r -> r.stageId().toString()),
            new Tracked(
                    "amount",
                    r -> r.amount() == null
                            ? null
                            : r.amount().stripTrailingZeros().toPlainString() + " " + r.amountCurrency()),
            new Tracked("probability", r -> String.valueOf(r.probability())),
            new Tracked(
                    "expectedCloseDate",
                    r -> r.expectedCloseDate() == null
                            ? null
                            : r.expectedCloseDate().toString()),
            new Tracked("owner", r -> r.ownerId().toString()),
            new Tracked("status", r -> r.status().name()),
            new Tracked("forecastCategory", OpportunityRow::forecastCategory),
            // how a deal closed, so that win/loss analysis can be read as of a past day
            new Tracked(
                    "closedAt", r -> r.closedAt() == null ? null : r.closedAt().toString()),
            new Tracked(
                    "closeReasons",
                    r -> r.closeReasons() == null ? null : SqlArrays.literal(List.of(r.closeReasons()))),
            new Tracked("winningCompetitor", OpportunityRow::winningCompetitorId),
            new Tracked(
                    "lostAtStage",
                    r -> r.lostAtStageId() == null ? null : r.lostAtStageId().toString()));

    record Tracked(String field, Function<OpportunityRow, String> value) {}

    private final HistoryRepository history;

    History(HistoryRepository history) {
        this.history = history;
    }

    /** @return what changed */
    List<HistoryRow> record(OpportunityRow before, OpportunityRow after, UUID changedBy, Instant at) {
        List<HistoryRow> changes = new ArrayList<>();
        for (Tracked tracked : FIELDS) {
            String old = tracked.value().apply(before);
            String now = tracked.value().apply(after);
            if (!Objects.equals(old, now)) {
                changes.add(new HistoryRow(null, after.id(), tracked.field(), old, now, at, changedBy));
            }
        }
        if (!changes.isEmpty()) {
            history.saveAll(changes);
        }
        return changes;
    }
}

package org.openchance.store.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.store.opportunity.OpportunityStatus;

/**
 * One opportunity with today's values and the changes of its tracked fields, from which its values at any past moment
 * follow by the rule {@code OpportunityAsOf} applies in SQL: a field's value at T is the new value of its last change
 * before T; without one, the old value of its first change at or after T; without any change, today's value. Held in
 * memory so that a back-test rebuilds the pipeline of eight cut-offs from one read instead of eight.
 */
public final class DealTimeline {

    /** A tracked field's change, as {@code opportunity_history} writes it (money as "amount currency"). */
    public record Change(Instant at, String oldValue, String newValue) {}

    /** The deal's values at a moment. {@code closedAt} is null while open. */
    public record State(
            UUID stageId,
            BigDecimal amount,
            String currency,
            int probability,
            LocalDate expectedCloseDate,
            UUID ownerId,
            OpportunityStatus status,
            String forecastCategory,
            LocalDate closedAt) {}

    /** A stage the deal entered, and when. */
    public record StageEntry(UUID stageId, Instant enteredAt) {}

    private final UUID id;
    private final String name;
    private final UUID accountId;
    private final UUID pipelineId;
    private final Instant createdAt;
    private final Instant deletedAt;
    private final State today;
    private final Map<String, List<Change>> changes;

    DealTimeline(
            UUID id,
            String name,
            UUID accountId,
            UUID pipelineId,
            Instant createdAt,
            Instant deletedAt,
            State today,
            Map<String, List<Change>> changes) {
        this.id = id;
        this.name = name;
        this.accountId = accountId;
        this.pipelineId = pipelineId;
        this.createdAt = createdAt;
        this.deletedAt = deletedAt;
        this.today = today;
        this.changes = changes;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID pipelineId() {
        return pipelineId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Today's values (a deleted deal's last ones). */
    public State today() {
        return today;
    }

    /** Whether the deal existed at the moment: created before it, not deleted by then. */
    public boolean existedAt(Instant t) {
        return createdAt.isBefore(t) && (deletedAt == null || !deletedAt.isBefore(t));
    }

    /**
     * The values at moment {@code t}. Closed then: the close date is today's when the deal's last status change
     * happened before {@code t} (a close date typed in for an earlier day stays), else the day of the change then.
     */
    public State at(Instant t) {
        String status = value("status", t, today.status().name());
        OpportunityStatus then = OpportunityStatus.valueOf(status);
        String money = value(
                "amount", t, today.amount() == null ? null : today.amount().toPlainString() + " " + today.currency());
        BigDecimal amount = null;
        String currency = null;
        if (money != null && !money.isBlank()) {
            int space = money.indexOf(' ');
            amount = new BigDecimal(space < 0 ? money : money.substring(0, space));
            currency = space < 0 ? today.currency() : money.substring(space + 1);
        }
        String probability = value("probability", t, String.valueOf(today.probability()));
        String close = value(
                "expectedCloseDate",
                t,
                today.expectedCloseDate() == null
                        ? null
                        : today.expectedCloseDate().toString());
        String owner = value(
                "owner", t, today.ownerId() == null ? null : today.ownerId().toString());
        return new State(
                UUID.fromString(value("stage", t, today.stageId().toString())),
                amount,
                currency,
                probability == null ? 0 : Integer.parseInt(probability),
                close == null || close.isBlank() ? null : LocalDate.parse(close),
                owner == null || owner.isBlank() ? null : UUID.fromString(owner),
                then,
                value("forecastCategory", t, today.forecastCategory()),
                then == OpportunityStatus.OPEN ? null : closedAt(t));
    }

    /**
     * The close date a deal closed at {@code t} had then: today's, when its status has not changed since (a close date
     * typed in for an earlier day stays); else the day of its last status change before {@code t}. Never after the
     * day before {@code t}: nothing of the future leaks into what a back-test hands a model.
     */
    private LocalDate closedAt(Instant t) {
        List<Change> all = changes.getOrDefault("status", List.of());
        Change last = null;
        for (Change c : all) {
            if (c.at().isBefore(t)) {
                last = c;
            }
        }
        boolean unchangedSince = all.isEmpty() || all.get(all.size() - 1).at().isBefore(t);
        LocalDate latest = LocalDate.ofInstant(t.minusNanos(1), ZoneOffset.UTC);
        if (unchangedSince && today.closedAt() != null && !today.closedAt().isAfter(latest)) {
            return today.closedAt();
        }
        if (last != null) {
            return LocalDate.ofInstant(last.at(), ZoneOffset.UTC); // before t, so never after latest
        }
        LocalDate created = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
        return created.isAfter(latest) ? latest : created;
    }

    /**
     * The stages the deal entered before {@code t}, oldest first: the one it was created in (the first change's old
     * value, or today's stage when it never moved) at its creation, then each change's new value at its time.
     */
    public List<StageEntry> stagesBefore(Instant t) {
        List<Change> moves = changes.getOrDefault("stage", List.of());
        List<StageEntry> entered = new ArrayList<>();
        String first =
                moves.isEmpty() ? today.stageId().toString() : moves.get(0).oldValue();
        if (first != null && createdAt.isBefore(t)) {
            entered.add(new StageEntry(UUID.fromString(first), createdAt));
        }
        for (Change move : moves) {
            if (move.at().isBefore(t) && move.newValue() != null) {
                entered.add(new StageEntry(UUID.fromString(move.newValue()), move.at()));
            }
        }
        return entered;
    }

    private String value(String field, Instant t, String todays) {
        List<Change> list = changes.get(field);
        if (list == null || list.isEmpty()) {
            return todays;
        }
        Change before = null;
        for (Change c : list) {
            if (c.at().isBefore(t)) {
                before = c;
            } else {
                return before != null ? before.newValue() : c.oldValue();
            }
        }
        return before.newValue();
    }
}

package org.openchance.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An opportunity entering a stage: the building block of "the pipeline as it stood on a date" and of stage
 * conversion rates.
 *
 * <p>A value built by {@link #of}: fields may be added in minor versions (with a new factory beside this one).
 */
public final class StageChange {

    private final UUID stageId;
    private final Instant enteredAt;

    private StageChange(UUID stageId, Instant enteredAt) {
        this.stageId = Objects.requireNonNull(stageId, "stageId");
        this.enteredAt = Objects.requireNonNull(enteredAt, "enteredAt");
    }

    public static StageChange of(UUID stageId, Instant enteredAt) {
        return new StageChange(stageId, enteredAt);
    }

    public UUID stageId() {
        return stageId;
    }

    public Instant enteredAt() {
        return enteredAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageChange c && stageId.equals(c.stageId) && enteredAt.equals(c.enteredAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stageId, enteredAt);
    }

    @Override
    public String toString() {
        return "StageChange[" + stageId + " at " + enteredAt + "]";
    }
}

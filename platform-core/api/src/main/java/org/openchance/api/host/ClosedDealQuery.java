package org.openchance.api.host;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Which closed (won or lost) deals an analysis reads: a close-date range, optionally only some pipelines, owners or
 * deals. Built with {@link #closedBetween}; criteria are added in minor versions.
 */
public final class ClosedDealQuery {

    private final LocalDate from;
    private final LocalDate to;
    private final List<UUID> pipelineIds;
    private final List<UUID> ownerIds;
    private final List<UUID> opportunityIds;

    private ClosedDealQuery(
            LocalDate from, LocalDate to, List<UUID> pipelineIds, List<UUID> ownerIds, List<UUID> opportunityIds) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.pipelineIds = pipelineIds;
        this.ownerIds = ownerIds;
        this.opportunityIds = opportunityIds;
    }

    /** The deals closed from {@code from} to {@code to}, both inclusive. */
    public static ClosedDealQuery closedBetween(LocalDate from, LocalDate to) {
        return new ClosedDealQuery(from, to, null, null, null);
    }

    /** Only deals of these pipelines (null: all). */
    public ClosedDealQuery pipelines(Collection<UUID> ids) {
        return new ClosedDealQuery(from, to, copy(ids), ownerIds, opportunityIds);
    }

    /** Only deals of these owners (null: all). */
    public ClosedDealQuery owners(Collection<UUID> ids) {
        return new ClosedDealQuery(from, to, pipelineIds, copy(ids), opportunityIds);
    }

    /** Only these deals (null: all). */
    public ClosedDealQuery opportunities(Collection<UUID> ids) {
        return new ClosedDealQuery(from, to, pipelineIds, ownerIds, copy(ids));
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    /** Null when not restricted. */
    public List<UUID> pipelineIds() {
        return pipelineIds;
    }

    /** Null when not restricted. */
    public List<UUID> ownerIds() {
        return ownerIds;
    }

    /** Null when not restricted. */
    public List<UUID> opportunityIds() {
        return opportunityIds;
    }

    private static List<UUID> copy(Collection<UUID> ids) {
        return ids == null ? null : List.copyOf(ids);
    }

    @Override
    public String toString() {
        return "ClosedDealQuery[" + from + ".." + to + "]";
    }
}

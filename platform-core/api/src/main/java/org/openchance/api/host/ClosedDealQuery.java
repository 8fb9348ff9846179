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
    private final LocalDate asOf;

    private ClosedDealQuery(
            LocalDate from,
            LocalDate to,
            List<UUID> pipelineIds,
            List<UUID> ownerIds,
            List<UUID> opportunityIds,
            LocalDate asOf) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.pipelineIds = pipelineIds;
        this.ownerIds = ownerIds;
        this.opportunityIds = opportunityIds;
        this.asOf = asOf;
    }

    /** The deals closed from {@code from} to {@code to}, both inclusive. */
    public static ClosedDealQuery closedBetween(LocalDate from, LocalDate to) {
        return new ClosedDealQuery(from, to, null, null, null, null);
    }

    /** Only deals of these pipelines (null: all). */
    public ClosedDealQuery pipelines(Collection<UUID> ids) {
        return new ClosedDealQuery(from, to, copy(ids), ownerIds, opportunityIds, asOf);
    }

    /** Only deals of these owners (null: all). */
    public ClosedDealQuery owners(Collection<UUID> ids) {
        return new ClosedDealQuery(from, to, pipelineIds, copy(ids), opportunityIds, asOf);
    }

    /** Only these deals (null: all). */
    public ClosedDealQuery opportunities(Collection<UUID> ids) {
        return new ClosedDealQuery(from, to, pipelineIds, ownerIds, copy(ids), asOf);
    }

    /**
     * The deals as they stood at the end of that day (UTC): closed then, with the outcome, close date, reasons,
     * winner, amount, owner and pipeline of then (from the deals' history) and the quoted discounts of then; deals
     * deleted since count, deals created since do not. Null: as they are now.
     */
    public ClosedDealQuery asOf(LocalDate day) {
        return new ClosedDealQuery(from, to, pipelineIds, ownerIds, opportunityIds, day);
    }

    /** Null when the deals are read as they are now. */
    public LocalDate asOf() {
        return asOf;
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
        return "ClosedDealQuery[" + from + ".." + to + (asOf == null ? "" : " as of " + asOf) + "]";
    }
}

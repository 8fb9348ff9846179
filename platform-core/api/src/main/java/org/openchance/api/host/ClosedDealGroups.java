package org.openchance.api.host;

import java.util.List;
import java.util.Objects;

/**
 * Closed deals summed per group, and all of them together (each deal once, also when it is in several groups): what
 * {@link OpportunityReader#closedTotals} answers.
 */
public final class ClosedDealGroups {

    private final List<ClosedDealTotals> groups;
    private final ClosedDealTotals all;

    private ClosedDealGroups(List<ClosedDealTotals> groups, ClosedDealTotals all) {
        this.groups = List.copyOf(groups);
        this.all = Objects.requireNonNull(all, "all");
    }

    public static ClosedDealGroups of(List<ClosedDealTotals> groups, ClosedDealTotals all) {
        return new ClosedDealGroups(groups, all);
    }

    /** One entry per group, in no particular order. */
    public List<ClosedDealTotals> groups() {
        return groups;
    }

    /** Every deal counted, each once (key and label null). */
    public ClosedDealTotals all() {
        return all;
    }
}

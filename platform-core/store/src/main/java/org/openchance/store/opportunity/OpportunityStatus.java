package org.openchance.store.opportunity;

/** Where a deal stands: still being worked, or closed as won or lost (column {@code opportunity.status}). */
public enum OpportunityStatus {
    OPEN,
    WON,
    LOST
}

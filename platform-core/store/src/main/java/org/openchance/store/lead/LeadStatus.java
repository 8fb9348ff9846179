package org.openchance.store.lead;

/** How far a lead got (column {@code lead.status}): only NEW and WORKING leads can still be qualified. */
public enum LeadStatus {
    NEW,
    WORKING,
    QUALIFIED,
    DISQUALIFIED;

    /** Whether the lead can still become an opportunity. */
    public boolean open() {
        return this == NEW || this == WORKING;
    }
}

package org.openchance.api.host;

/** What {@link OpportunityReader#closedTotals} groups closed deals by; a deal with several values is in each group. */
public enum ClosedDealGrouping {
    /** Each close reason (key and label the reason); deals without one in key {@code NONE}. */
    REASON,
    /** The owner (key the user's id, label the name). */
    OWNER,
    /** The account's industry (key and label the industry); {@code UNKNOWN} when none. */
    INDUSTRY,
    /** The stage a lost deal was in (key the stage id, label the name); won deals are in no group. */
    STAGE_LOST_AT,
    /** The pipeline (key the id, label the name). */
    PIPELINE,
    /**
     * The account's employees in bands after the EU's company sizes, the large split further: keys {@code 1-9},
     * {@code 10-49}, {@code 50-249}, {@code 250-999}, {@code 1000-4999}, {@code 5000+}, {@code UNKNOWN}.
     */
    COMPANY_SIZE,
    /** The source of the lead the deal came from; {@code NONE} when it came from no lead. */
    LEAD_SOURCE,
    /** The quarter of the close date, key and label e.g. {@code 2026-Q3}. */
    QUARTER
}

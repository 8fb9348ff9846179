package org.openchance.store.opportunity;

import org.openchance.store.page.SortKey;

/** The orderings of opportunity lists, each a column with an index (see V2__core_model.sql) but the score. */
public enum OpportunitySort {
    CLOSE_DATE("expected_close_date", SortKey.ValueType.DATE),
    AMOUNT("amount", SortKey.ValueType.DECIMAL),
    PROBABILITY("probability", SortKey.ValueType.INTEGER),
    UPDATED_AT("updated_at", SortKey.ValueType.TIMESTAMP),
    NAME("lower(name)", SortKey.ValueType.TEXT),
    /** The stored score under the pipeline's strategy (V12); opportunities not yet scored come last. */
    SCORE("(select sc.value from opportunity_score sc where sc.opportunity_id = id)", SortKey.ValueType.DECIMAL);

    private final String expression;
    private final SortKey.ValueType type;

    OpportunitySort(String expression, SortKey.ValueType type) {
        this.expression = expression;
        this.type = type;
    }

    public SortKey key(boolean descending) {
        return new SortKey(expression, type, descending);
    }
}

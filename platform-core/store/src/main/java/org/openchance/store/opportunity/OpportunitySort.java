package org.openchance.store.opportunity;

import java.math.BigDecimal;
import java.util.Map;
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

    /**
     * AMOUNT across currencies: the amount divided by its currency's rate against the base ({@code rates}: 1 base =
     * rate units), the base's own amounts as they are; amounts in a currency without a rate sort as no amount.
     */
    public static SortKey amountIn(String base, Map<String, BigDecimal> rates, boolean descending) {
        StringBuilder expression = new StringBuilder("amount / case amount_currency when '")
                .append(code(base))
                .append("' then 1");
        rates.forEach((currency, rate) -> expression
                .append(" when '")
                .append(code(currency))
                .append("' then ")
                .append(rate.toPlainString()));
        return new SortKey(expression.append(" end").toString(), SortKey.ValueType.DECIMAL, descending);
    }

    /** A currency code checked before it becomes SQL text (the expression carries the rates as literals). */
    private static String code(String currency) {
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("not a currency code: " + currency);
        }
        return currency;
    }
}

package org.openchance.store.money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An amount filter in one currency: amounts in {@code currency} from {@code min} to {@code max} (either null: no
 * bound). A filter across currencies is a list of them, one per currency that can be converted; an amount in a
 * currency not in the list never matches.
 */
public record AmountBound(String currency, BigDecimal min, BigDecimal max) {

    /**
     * The SQL condition of a list of bounds on the {@code amount} / {@code amount_currency} columns (of
     * {@code alias}, may be empty), values as parameters; an empty list matches nothing.
     */
    public static String sql(List<AmountBound> bounds, String alias, Map<String, Object> params) {
        if (bounds.isEmpty()) {
            return "false";
        }
        String prefix = alias.isEmpty() ? "" : alias + ".";
        List<String> any = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            AmountBound b = bounds.get(i);
            StringBuilder one = new StringBuilder(prefix + "amount_currency = :amountCurrency" + i);
            params.put("amountCurrency" + i, b.currency());
            if (b.min() != null) {
                one.append(" and ")
                        .append(prefix)
                        .append("amount >= :amountMin")
                        .append(i);
                params.put("amountMin" + i, b.min());
            }
            if (b.max() != null) {
                one.append(" and ")
                        .append(prefix)
                        .append("amount <= :amountMax")
                        .append(i);
                params.put("amountMax" + i, b.max());
            }
            any.add("(" + one + ")");
        }
        return "(" + String.join(" or ", any) + ")";
    }
}

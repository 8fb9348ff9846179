package org.openchance.plugins.competitors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openchance.api.host.ClosedDealGrouping;
import org.openchance.api.host.ClosedDealTotals;

/**
 * Win/loss analysis rows from the host's group totals: wins, losses, the win rate and its 95 % Wilson interval, won
 * and lost amounts, the average sales cycle, the average quoted discount, and the part of all deals in the row ({@code share}: a deal with several
 * values of the dimension, two reasons say, is in several rows, so shares may add up to more than 1).
 */
final class WinLoss {

    enum Dimension {
        REASON,
        COMPETITOR,
        OWNER,
        INDUSTRY,
        STAGE_LOST_AT,
        PIPELINE,
        COMPANY_SIZE,
        LEAD_SOURCE,
        QUARTER;

        /** How the host groups for this dimension; null for COMPETITOR (the plugin's own keys). */
        ClosedDealGrouping grouping() {
            return this == COMPETITOR ? null : ClosedDealGrouping.valueOf(name());
        }
    }

    private WinLoss() {}

    /**
     * The rows, most deals first (quarters oldest first).
     *
     * @param deals    how many deals were counted (each once)
     * @param labels   a row's name for people from its key and the host's label
     * @param minDeals rows with fewer deals are marked {@code tooFewDeals}: their rate says little
     */
    static List<Map<String, Object>> rows(
            Dimension dimension,
            List<ClosedDealTotals> totals,
            int deals,
            Function<ClosedDealTotals, String> labels,
            int minDeals,
            String currency) {
        List<ClosedDealTotals> sorted = new ArrayList<>(totals);
        if (dimension == Dimension.QUARTER) {
            sorted.sort(Comparator.comparing(ClosedDealTotals::key));
        } else {
            sorted.sort(Comparator.comparingInt(ClosedDealTotals::deals)
                    .reversed()
                    .thenComparing(t -> String.valueOf(labels.apply(t))));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ClosedDealTotals t : sorted) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", t.key() == null ? "NONE" : t.key());
            row.put("label", labels.apply(t));
            row.put("deals", t.deals());
            row.put("wins", t.wins());
            row.put("losses", t.losses());
            putRate(row, t.wins(), t.deals());
            row.put("wonAmount", money(t.wonAmount(), currency));
            row.put("lostAmount", money(t.lostAmount(), currency));
            row.put("notConvertedCount", t.notConverted());
            row.put("averageCycleDays", t.deals() == 0 ? null : (double) t.cycleDays() / t.deals());
            row.put("quotedDeals", t.discounted());
            row.put(
                    "averageDiscount",
                    t.discounted() == 0
                            ? null
                            : t.discountSum()
                                    .divide(BigDecimal.valueOf(t.discounted()), 2, RoundingMode.HALF_UP)
                                    .doubleValue());
            row.put("share", deals == 0 ? 0.0 : (double) t.deals() / deals);
            row.put("tooFewDeals", t.deals() < minDeals);
            rows.add(row);
        }
        return rows;
    }

    /** The name of a row for people: the host's label, or what a key without one means. */
    static String label(Dimension dimension, ClosedDealTotals t) {
        String key = t.key();
        return switch (dimension) {
            case REASON -> "NONE".equals(key) ? "No reason given" : key;
            case INDUSTRY -> t.label() == null ? "Unknown" : t.label();
            case COMPANY_SIZE -> "UNKNOWN".equals(key) ? "Unknown" : key + " employees";
            case LEAD_SOURCE -> "NONE".equals(key) ? "Not from a lead" : key;
            case QUARTER -> key;
            case COMPETITOR -> key == null ? "No competitor known" : t.label();
            default -> t.label() == null ? "Unknown" : t.label();
        };
    }

    /** winRate, winRateLow, winRateHigh: null when there are no deals. */
    static void putRate(Map<String, Object> row, int wins, int deals) {
        double[] interval = Wilson.interval(wins, deals);
        row.put("winRate", deals == 0 ? null : (double) wins / deals);
        row.put("winRateLow", interval == null ? null : interval[0]);
        row.put("winRateHigh", interval == null ? null : interval[1]);
    }

    static Map<String, Object> money(BigDecimal amount, String currency) {
        return Map.of("amount", amount.setScale(2, RoundingMode.HALF_UP), "currency", currency);
    }

    static String quarter(java.time.LocalDate day) {
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }
}

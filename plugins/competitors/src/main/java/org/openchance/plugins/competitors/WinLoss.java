package org.openchance.plugins.competitors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.openchance.api.model.ClosedOpportunity;

/**
 * Win/loss analysis: closed deals grouped by one dimension, each group with wins, losses, the win rate and its 95 %
 * Wilson interval, won and lost amounts, and the average sales cycle. A deal with several values of the dimension
 * (two reasons, three competitors) counts once in each of their rows; a row's {@code share} is the part of all deals
 * that are in it, so shares may add up to more than 1.
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
        QUARTER
    }

    /** One row while it is being counted. */
    static final class Row {
        final String key;
        final String label;
        int wins;
        int losses;
        BigDecimal wonAmount = BigDecimal.ZERO;
        BigDecimal lostAmount = BigDecimal.ZERO;
        int notConverted;
        long cycleDays;
        int cycles;

        Row(String key, String label) {
            this.key = key;
            this.label = label;
        }

        void add(ClosedOpportunity deal) {
            if (deal.won()) {
                wins++;
            } else {
                losses++;
            }
            if (deal.amount() == null) {
                notConverted++;
            } else if (deal.won()) {
                wonAmount = wonAmount.add(deal.amount());
            } else {
                lostAmount = lostAmount.add(deal.amount());
            }
            if (deal.createdOn() != null) {
                cycleDays += Math.max(
                        0, deal.closedAt().toEpochDay() - deal.createdOn().toEpochDay());
                cycles++;
            }
        }

        int deals() {
            return wins + losses;
        }
    }

    private WinLoss() {}

    /**
     * The rows of one dimension, most deals first.
     *
     * @param minDeals rows with fewer deals are marked {@code tooFewDeals}: their rate says little
     */
    static List<Map<String, Object>> analyse(ClosedDeals closed, Dimension dimension, int minDeals) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (ClosedOpportunity deal : closed.deals()) {
            keys(closed, deal, dimension, (key, label) -> rows.computeIfAbsent(key, k -> new Row(k, label))
                    .add(deal));
        }
        int total = closed.deals().size();
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparingInt(Row::deals).reversed().thenComparing(r -> r.label));
        if (dimension == Dimension.QUARTER) {
            sorted.sort(Comparator.comparing(r -> r.key));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : sorted) {
            out.add(view(r, total, minDeals, closed.currency()));
        }
        return out;
    }

    static Map<String, Object> view(Row r, int total, int minDeals, String currency) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", r.key);
        row.put("label", r.label);
        row.put("deals", r.deals());
        row.put("wins", r.wins);
        row.put("losses", r.losses);
        putRate(row, r.wins, r.deals());
        row.put("wonAmount", money(r.wonAmount, currency));
        row.put("lostAmount", money(r.lostAmount, currency));
        row.put("notConvertedCount", r.notConverted);
        row.put("averageCycleDays", r.cycles == 0 ? null : (double) r.cycleDays / r.cycles);
        row.put("share", total == 0 ? 0.0 : (double) r.deals() / total);
        row.put("tooFewDeals", r.deals() < minDeals);
        return row;
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

    /** The rows a deal counts in for the dimension: (key, label) once per value. */
    static void keys(ClosedDeals closed, ClosedOpportunity deal, Dimension dimension, BiConsumer<String, String> row) {
        switch (dimension) {
            case REASON -> {
                if (deal.reasons().isEmpty()) {
                    row.accept("NONE", "No reason given");
                }
                for (String reason : deal.reasons()) {
                    row.accept(reason, reason);
                }
            }
            case COMPETITOR -> {
                if (closed.competitorsOf(deal).isEmpty()) {
                    row.accept("NONE", "No competitor known");
                }
                for (UUID competitor : closed.competitorsOf(deal)) {
                    row.accept(competitor.toString(), closed.names().getOrDefault(competitor, "?"));
                }
            }
            case OWNER -> row.accept(String.valueOf(deal.ownerId()), orUnknown(deal.ownerName()));
            case INDUSTRY ->
                row.accept(deal.industry() == null ? "UNKNOWN" : deal.industry(), orUnknown(deal.industry()));
            case STAGE_LOST_AT -> {
                if (!deal.won()) {
                    row.accept(String.valueOf(deal.lostAtStageId()), orUnknown(deal.lostAtStageName()));
                }
            }
            case PIPELINE -> row.accept(String.valueOf(deal.pipelineId()), orUnknown(deal.pipelineName()));
            case COMPANY_SIZE -> {
                String size = companySize(deal.employeeCount());
                row.accept(size, size.equals("UNKNOWN") ? "Unknown" : size + " employees");
            }
            case LEAD_SOURCE ->
                row.accept(
                        deal.leadSource() == null ? "NONE" : deal.leadSource(),
                        deal.leadSource() == null ? "Not from a lead" : deal.leadSource());
            case QUARTER -> {
                String quarter = quarter(deal);
                row.accept(quarter, quarter);
            }
        }
    }

    /** Size bands after the EU's company sizes, with the large ones split further. */
    static String companySize(Integer employees) {
        if (employees == null) {
            return "UNKNOWN";
        }
        if (employees < 10) {
            return "1-9";
        }
        if (employees < 50) {
            return "10-49";
        }
        if (employees < 250) {
            return "50-249";
        }
        if (employees < 1000) {
            return "250-999";
        }
        return employees < 5000 ? "1000-4999" : "5000+";
    }

    static String quarter(ClosedOpportunity deal) {
        return deal.closedAt().getYear() + "-Q" + ((deal.closedAt().getMonthValue() - 1) / 3 + 1);
    }

    private static String orUnknown(String label) {
        return label == null ? "Unknown" : label;
    }
}

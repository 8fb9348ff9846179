package org.openchance.plugins.competitors;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.openchance.api.model.ClosedOpportunity;

/**
 * One competitor against us: the deals they were in, how many we won, how many they took, where we lose to them, and
 * how it moves quarter by quarter.
 */
final class HeadToHead {

    private HeadToHead() {}

    static Map<String, Object> of(ClosedDeals closed, UUID competitor, Map<String, Integer> pricePositions) {
        int wins = 0;
        int lostToThem = 0;
        int lostToOthers = 0;
        BigDecimal amountLost = BigDecimal.ZERO;
        Map<String, Integer> stages = new LinkedHashMap<>();
        Map<String, int[]> quarters = new TreeMap<>();
        for (ClosedOpportunity deal : closed.deals()) {
            int[] quarter = quarters.computeIfAbsent(WinLoss.quarter(deal.closedAt()), q -> new int[2]);
            if (deal.won()) {
                wins++;
                quarter[0]++;
                continue;
            }
            quarter[1]++;
            if (competitor.equals(closed.lostTo().get(deal.id()))) {
                lostToThem++;
                if (deal.amount() != null) {
                    amountLost = amountLost.add(deal.amount());
                }
                stages.merge(deal.lostAtStageName() == null ? "Unknown" : deal.lostAtStageName(), 1, Integer::sum);
            } else {
                lostToOthers++;
            }
        }
        int deals = wins + lostToThem + lostToOthers;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("deals", deals);
        view.put("wins", wins);
        view.put("losses", lostToThem + lostToOthers);
        view.put("lostToThem", lostToThem);
        view.put("lostToOthers", lostToOthers);
        WinLoss.putRate(view, wins, deals);
        view.put("amountLostToThem", WinLoss.money(amountLost, closed.currency()));
        view.put("lostAtStages", counted(stages, "stage"));
        view.put("pricePositions", counted(pricePositions, "position"));
        List<Map<String, Object>> trend = new ArrayList<>();
        quarters.forEach((quarter, counts) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quarter", quarter);
            row.put("deals", counts[0] + counts[1]);
            row.put("wins", counts[0]);
            row.put("losses", counts[1]);
            WinLoss.putRate(row, counts[0], counts[0] + counts[1]);
            trend.add(row);
        });
        view.put("quarters", trend);
        return view;
    }

    /** Counts as rows {label, count}, most first. */
    static List<Map<String, Object>> counted(Map<String, Integer> counts, String label) {
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> rows.add(Map.of(label, e.getKey(), "count", e.getValue())));
        return rows;
    }
}

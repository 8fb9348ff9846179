package org.openchance.plugins.scoringpredictive;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openchance.api.model.OpportunitySnapshot;

/**
 * What the model sees of an opportunity: the same facts the scorecard reads, none that give the outcome away (no
 * stage, status or probability: a closed deal's stage is "Closed Won"). Numbers are standardised with the training
 * set's mean and spread, unknown values become the mean plus a "... unknown" flag, and the most frequent industries
 * get a flag each.
 */
final class Features {

    static final int MAX_INDUSTRIES = 8;
    /** Features before the industry flags. */
    private static final int FIXED = 11;

    private final List<String> names;
    private final List<String> industries;
    private final double[] mean;
    private final double[] spread;

    private Features(List<String> names, List<String> industries, double[] mean, double[] spread) {
        this.names = names;
        this.industries = industries;
        this.mean = mean;
        this.spread = spread;
    }

    /** The features of a training set: industries and standardisation taken from it. */
    static Features fit(List<OpportunitySnapshot> training) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (OpportunitySnapshot o : training) {
            if (o.industry() != null) {
                counts.merge(o.industry(), 1, Integer::sum);
            }
        }
        List<String> industries = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_INDUSTRIES)
                .map(Map.Entry::getKey)
                .toList();
        List<String> names = new ArrayList<>(List.of(
                "Company size (log employees)",
                "Company size unknown",
                "Budget coverage",
                "Budget unknown",
                "Amount (log)",
                "Team size",
                "Partner on team",
                "Competitors",
                "Competitors unknown",
                "Resources free at start (0 low to 2 high)",
                "Resources unknown"));
        industries.forEach(industry -> names.add("Industry " + industry));
        Features raw = new Features(names, industries, new double[names.size()], ones(names.size()));
        double[] mean = new double[names.size()];
        double[] spread = new double[names.size()];
        List<double[]> rows = training.stream().map(raw::raw).toList();
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                mean[j] += row[j] / rows.size();
            }
        }
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                spread[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / rows.size();
            }
        }
        for (int j = 0; j < spread.length; j++) {
            spread[j] = spread[j] > 1e-12 ? Math.sqrt(spread[j]) : 1; // a constant feature stays as it is
        }
        return new Features(names, industries, mean, spread);
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    /** The standardised feature vector. */
    double[] of(OpportunitySnapshot o) {
        double[] x = raw(o);
        for (int j = 0; j < x.length; j++) {
            x[j] = (x[j] - mean[j]) / spread[j];
        }
        return x;
    }

    /** The raw values (before standardisation), for explanations. */
    double[] raw(OpportunitySnapshot o) {
        double[] x = new double[names.size()];
        x[0] = o.accountEmployees() == null ? 0 : Math.log1p(o.accountEmployees());
        x[1] = o.accountEmployees() == null ? 1 : 0;
        Double coverage = coverage(o);
        x[2] = coverage == null ? 0 : Math.min(coverage, 3);
        x[3] = coverage == null ? 1 : 0;
        x[4] = o.amount() == null
                ? 0
                : Math.log1p(Math.max(0, o.amount().amount().doubleValue()));
        x[5] = o.teamSize();
        x[6] = o.partnerOnTeam() ? 1 : 0;
        x[7] = o.competitorCount() == null ? 0 : Math.min(o.competitorCount(), 10);
        x[8] = o.competitorCount() == null ? 1 : 0;
        Integer resources = resources(o.resourceAvailability());
        x[9] = resources == null ? 0 : resources;
        x[10] = resources == null ? 1 : 0;
        for (int i = 0; i < industries.size(); i++) {
            x[FIXED + i] = o.industry() != null
                            && o.industry()
                                    .toLowerCase(Locale.ROOT)
                                    .equals(industries.get(i).toLowerCase(Locale.ROOT))
                    ? 1
                    : 0;
        }
        return x;
    }

    private static Integer resources(String availability) {
        return availability == null
                ? null
                : switch (availability) {
                    case "HIGH" -> 2;
                    case "MEDIUM" -> 1;
                    case "LOW" -> 0;
                    default -> null;
                };
    }

    private static Double coverage(OpportunitySnapshot o) {
        if (o.amount() == null
                || o.budget() == null
                || o.amount().amount().signum() <= 0
                || !o.amount().currency().equals(o.budget().currency())) {
            return null;
        }
        return o.budget()
                .amount()
                .divide(o.amount().amount(), 4, RoundingMode.HALF_UP)
                .doubleValue();
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }
}

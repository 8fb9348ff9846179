package org.openchance.plugins.scoringcriteria;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a scorecard: what it reads, how much it counts, and how a value becomes points (0 to 100).
 *
 * @param bands      for a numeric measure, in ascending order: a value below {@code upTo} gets the band's points; the
 *                   last band may have no {@code upTo} (everything above)
 * @param categories for a category measure: points per value (compared without regard to case)
 * @param otherwise  points when the value is unknown or in no band or category
 */
public record Criterion(
        String name,
        Measure measure,
        double weight,
        List<Band> bands,
        Map<String, Double> categories,
        double otherwise) {

    /** @param upTo exclusive upper bound; null: no bound */
    public record Band(Double upTo, double points) {}

    public Criterion {
        bands = bands == null ? List.of() : List.copyOf(bands);
        categories = categories == null ? Map.of() : Map.copyOf(categories);
    }

    /** What is wrong with this criterion, each as "field: message"; empty when it is usable. */
    List<String> problems(String path) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(path + ".name: must not be empty");
        }
        if (measure == null) {
            problems.add(path + ".measure: is required");
        }
        if (!(weight > 0) || weight > 100) {
            problems.add(path + ".weight: must be above 0 and at most 100, was " + weight);
        }
        if (!validPoints(otherwise)) {
            problems.add(path + ".otherwisePoints: must be between 0 and 100, was " + otherwise);
        }
        if (measure != null && measure.numeric() && bands.isEmpty()) {
            problems.add(path + ".bands: a numeric measure needs at least one band");
        }
        if (measure != null && !measure.numeric() && categories.isEmpty()) {
            problems.add(path + ".categories: a category measure needs at least one category");
        }
        Double previous = null;
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            if (!validPoints(band.points())) {
                problems.add(path + ".bands[" + i + "].points: must be between 0 and 100, was " + band.points());
            }
            if (band.upTo() == null && i < bands.size() - 1) {
                problems.add(path + ".bands[" + i + "].upTo: only the last band may be open-ended");
            }
            if (band.upTo() != null && previous != null && band.upTo() <= previous) {
                problems.add(
                        path + ".bands[" + i + "].upTo: bands must ascend, " + band.upTo() + " follows " + previous);
            }
            previous = band.upTo();
        }
        categories.forEach((value, points) -> {
            if (!validPoints(points)) {
                problems.add(path + ".categories." + value + ": points must be between 0 and 100, was " + points);
            }
        });
        return problems;
    }

    private static boolean validPoints(double points) {
        return points >= 0 && points <= 100;
    }

    /** The points for a value (a Double, a String, or null), and the rule that gave them, for the explanation. */
    Points points(Object value) {
        if (value instanceof Double number) {
            Double lower = null;
            for (Band band : bands) {
                if (band.upTo() == null || number < band.upTo()) {
                    return new Points(band.points(), rangeText(lower, band.upTo()));
                }
                lower = band.upTo();
            }
        } else if (value instanceof String category) {
            for (Map.Entry<String, Double> entry : categories.entrySet()) {
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(category.toLowerCase(Locale.ROOT))) {
                    return new Points(entry.getValue(), "category " + entry.getKey());
                }
            }
        }
        return new Points(
                otherwise,
                value == null ? "value unknown" : "no matching " + (measure.numeric() ? "band" : "category"));
    }

    record Points(double points, String rule) {}

    private static String rangeText(Double from, Double upTo) {
        if (from == null && upTo == null) {
            return "any value";
        }
        if (from == null) {
            return "below " + number(upTo);
        }
        if (upTo == null) {
            return number(from) + " or more";
        }
        return number(from) + " to under " + number(upTo);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

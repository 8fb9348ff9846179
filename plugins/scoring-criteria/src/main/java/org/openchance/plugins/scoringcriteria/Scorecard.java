package org.openchance.plugins.scoringcriteria;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Contribution;
import org.openchance.api.scoring.Score;

/**
 * A company's scorecard in one version: the weighted criteria. A score is the weighted mean of the criteria's
 * points (0 to 100), and every criterion's part is kept as a contribution: its weight, the raw value, the points and
 * why.
 */
public record Scorecard(int version, Instant createdAt, String note, List<Criterion> criteria) {

    public Scorecard {
        criteria = List.copyOf(criteria);
    }

    /** What is wrong with a set of criteria, each as "field: message"; empty when it is usable. */
    public static List<String> problems(List<Criterion> criteria) {
        List<String> problems = new ArrayList<>();
        if (criteria.isEmpty()) {
            problems.add("input.criteria: at least one criterion");
        }
        for (int i = 0; i < criteria.size(); i++) {
            problems.addAll(criteria.get(i).problems("input.criteria[" + i + "]"));
        }
        return problems;
    }

    public Score score(OpportunitySnapshot opportunity, LocalDate today) {
        double weights = criteria.stream().mapToDouble(Criterion::weight).sum();
        double total = 0;
        List<Contribution> contributions = new ArrayList<>();
        for (Criterion criterion : criteria) {
            Object value = criterion.measure().read(opportunity, today);
            Criterion.Points points = criterion.points(value);
            total += criterion.weight() * points.points();
            String shown = criterion.measure().describe(value);
            contributions.add(new Contribution(
                    criterion.name(),
                    criterion.weight(),
                    shown,
                    points.points(),
                    String.format(
                            java.util.Locale.ROOT,
                            "%s (%s): %s points, weight %s of %s",
                            shown,
                            points.rule(),
                            number(points.points()),
                            number(criterion.weight()),
                            number(weights))));
        }
        double value = Math.round(total / weights * 10) / 10.0;
        return new Score(Math.max(0, Math.min(100, value)), contributions);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

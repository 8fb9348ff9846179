package org.openchance.plugins.examplescoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Contribution;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.osgi.service.component.annotations.Component;

/**
 * "Fit": company size (40 %), budget coverage (40 %) and an implementation partner on the team (20 %). Every
 * criterion says what it saw and what it gave, so a sales person can follow the score.
 */
@Component(service = ScoringStrategy.class, property = ScoringStrategy.ID + "=example-fit")
public class FitScoring implements ScoringStrategy {

    @Override
    public String name() {
        return "Fit (example plugin)";
    }

    @Override
    public Score score(OpportunitySnapshot o) {
        Contribution size = companySize(o.accountEmployees());
        Contribution budget = budgetCoverage(o);
        Contribution partner = new Contribution(
                "Partner on team",
                0.2,
                String.valueOf(o.partnerOnTeam()),
                o.partnerOnTeam() ? 100 : 50,
                o.partnerOnTeam() ? "An implementation partner works the deal" : "No external partner on the team");
        List<Contribution> all = List.of(size, budget, partner);
        double value = all.stream().mapToDouble(c -> c.weight() * c.points()).sum();
        return new Score(Math.round(value * 10) / 10.0, all);
    }

    private static Contribution companySize(Integer employees) {
        if (employees == null) {
            return new Contribution("Company size", 0.4, null, 40, "Company size unknown");
        }
        double points = employees >= 500 ? 100 : employees >= 50 ? 60 : 20;
        return new Contribution(
                "Company size",
                0.4,
                employees + " employees",
                points,
                employees >= 500
                        ? "Large company: room for a big rollout"
                        : employees >= 50 ? "Mid-sized company" : "Small company: small deals");
    }

    private static Contribution budgetCoverage(OpportunitySnapshot o) {
        if (o.budget() == null
                || o.amount() == null
                || o.amount().amount().signum() == 0
                || !o.budget().currency().equals(o.amount().currency())) {
            return new Contribution("Budget coverage", 0.4, null, 40, "Budget or amount unknown");
        }
        BigDecimal coverage = o.budget().amount().divide(o.amount().amount(), 2, RoundingMode.HALF_UP);
        double points = coverage.compareTo(BigDecimal.ONE) >= 0
                ? 100
                : coverage.compareTo(new BigDecimal("0.7")) >= 0 ? 60 : 20;
        return new Contribution(
                "Budget coverage",
                0.4,
                coverage.toPlainString(),
                points,
                points == 100
                        ? "The budget covers the amount"
                        : points == 60 ? "The budget covers most of the amount" : "The budget is far below the amount");
    }
}

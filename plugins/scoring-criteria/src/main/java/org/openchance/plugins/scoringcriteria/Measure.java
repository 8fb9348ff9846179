package org.openchance.plugins.scoringcriteria;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.openchance.api.scoring.OpportunitySnapshot;

/**
 * What a criterion reads from an opportunity: a number (mapped to points by bands) or a category (mapped by value).
 * A value may be unknown (no employee count, no budget): the criterion then gives its {@code otherwise} points.
 */
public enum Measure {
    COMPANY_SIZE(true, "employees") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.accountEmployees() == null ? null : o.accountEmployees().doubleValue();
        }
    },
    /** Budget as a percentage of the amount; unknown without both or with different currencies. */
    BUDGET_COVERAGE(true, "% of the amount budgeted") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            if (o.amount() == null || o.budget() == null || o.amount().amount().signum() <= 0
                    || !o.amount().currency().equals(o.budget().currency())) {
                return null;
            }
            return o.budget().amount().multiply(BigDecimal.valueOf(100))
                    .divide(o.amount().amount(), 1, RoundingMode.HALF_UP).doubleValue();
        }
    },
    /** Days from today to the expected close date; negative when it has passed. */
    DAYS_TO_CLOSE(true, "days to the expected close") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.expectedCloseDate() == null ? null : (double) ChronoUnit.DAYS.between(today, o.expectedCloseDate());
        }
    },
    AMOUNT(true, "amount") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.amount() == null ? null : o.amount().amount().doubleValue();
        }
    },
    TEAM_SIZE(true, "people on the team") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return (double) o.teamSize();
        }
    },
    STAGE(false, "stage") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.stage();
        }
    },
    INDUSTRY(false, "industry") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.industry();
        }
    },
    /** "yes" when an external partner is on the team, else "no". */
    PARTNER_ON_TEAM(false, "partner on the team") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.partnerOnTeam() ? "yes" : "no";
        }
    };

    private final boolean numeric;
    private final String unit;

    Measure(boolean numeric, String unit) {
        this.numeric = numeric;
        this.unit = unit;
    }

    /** Numbers are mapped by bands, everything else by categories. */
    public boolean numeric() {
        return numeric;
    }

    /** How a value reads for people, e.g. "850 employees". */
    String describe(Object value) {
        if (value == null) {
            return "unknown " + unit;
        }
        if (value instanceof Double number) {
            String shown = number == Math.rint(number) ? String.valueOf(number.longValue()) : String.valueOf(number);
            return this == AMOUNT ? unit + " " + shown : shown + " " + unit;
        }
        return unit + " " + value;
    }

    /** The value for this opportunity: a Double, a String, or null when unknown. */
    abstract Object read(OpportunitySnapshot opportunity, LocalDate today);
}

package org.openchance.plugins.scoringcriteria;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.openchance.api.model.OpportunitySnapshot;

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
            if (o.amount() == null
                    || o.budget() == null
                    || o.amount().amount().signum() <= 0
                    || !o.amount().currency().equals(o.budget().currency())) {
                return null;
            }
            return o.budget()
                    .amount()
                    .multiply(BigDecimal.valueOf(100))
                    .divide(o.amount().amount(), 1, RoundingMode.HALF_UP)
                    .doubleValue();
        }
    },
    /** Days from today to the expected close date; negative when it has passed. */
    DAYS_TO_CLOSE(true, "days to the expected close") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.expectedCloseDate() == null
                    ? null
                    : (double) ChronoUnit.DAYS.between(today, o.expectedCloseDate());
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
    /** Competitors in the running, as the team records it. */
    COMPETITORS(true, "competitors") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.competitorCount() == null ? null : o.competitorCount().doubleValue();
        }
    },
    /**
     * Days the project would wait for delivery staff after the expected close: 0 when they are free by then; unknown
     * without both dates.
     */
    RESOURCE_WAIT_DAYS(true, "days waiting for delivery staff") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            if (o.resourcesAvailableFrom() == null || o.expectedCloseDate() == null) {
                return null;
            }
            return (double) Math.max(0, ChronoUnit.DAYS.between(o.expectedCloseDate(), o.resourcesAvailableFrom()));
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
    /** HIGH, MEDIUM or LOW: delivery staff free at project start, as the team records it. */
    RESOURCE_AVAILABILITY(false, "resources at start") {
        @Override
        Object read(OpportunitySnapshot o, LocalDate today) {
            return o.resourceAvailability();
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
            return this == AMOUNT ? unit + " " + shown : shown + " " + (number == 1 ? singular(unit) : unit);
        }
        return unit + " " + value;
    }

    /** "1 competitor", not "1 competitors": the unit's first word in the singular. */
    private static String singular(String unit) {
        int space = unit.indexOf(' ');
        String word = space < 0 ? unit : unit.substring(0, space);
        String one =
                switch (word) {
                    case "employees" -> "employee";
                    case "competitors" -> "competitor";
                    case "days" -> "day";
                    case "people" -> "person";
                    default -> word;
                };
        return one + (space < 0 ? "" : unit.substring(space));
    }

    /** The value for this opportunity: a Double, a String, or null when unknown. */
    abstract Object read(OpportunitySnapshot opportunity, LocalDate today);
}

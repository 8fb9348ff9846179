package org.openchance.api.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The facts of one closed opportunity that win/loss analysis groups and sums: outcome, dates, amount in the reporting
 * currency, reasons, the winner, and the labels of who and where. A value the host builds in bulk (tens of thousands
 * per call), lighter than an {@link OpportunitySnapshot}.
 *
 * <p>Built with {@link #builder()}: fields are added in minor versions. {@code id}, {@code closedAt} and the outcome
 * are required; {@code reasons} is never null.
 */
public final class ClosedOpportunity {

    private final UUID id;
    private final String name;
    private final boolean won;
    private final LocalDate createdOn;
    private final LocalDate closedAt;
    private final BigDecimal amount;
    private final List<String> reasons;
    private final String winningCompetitorId;
    private final UUID ownerId;
    private final String ownerName;
    private final UUID pipelineId;
    private final String pipelineName;
    private final UUID lostAtStageId;
    private final String lostAtStageName;
    private final String industry;
    private final Integer employeeCount;
    private final String leadSource;

    private ClosedOpportunity(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.name = b.name;
        this.won = Objects.requireNonNull(b.won, "won");
        this.createdOn = b.createdOn;
        this.closedAt = Objects.requireNonNull(b.closedAt, "closedAt");
        this.amount = b.amount;
        this.reasons = List.copyOf(b.reasons);
        this.winningCompetitorId = b.winningCompetitorId;
        this.ownerId = b.ownerId;
        this.ownerName = b.ownerName;
        this.pipelineId = b.pipelineId;
        this.pipelineName = b.pipelineName;
        this.lostAtStageId = b.lostAtStageId;
        this.lostAtStageName = b.lostAtStageName;
        this.industry = b.industry;
        this.employeeCount = b.employeeCount;
        this.leadSource = b.leadSource;
    }

    public static Builder builder() {
        return new Builder();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Won (true) or lost (false). */
    public boolean won() {
        return won;
    }

    /** The day the opportunity was created (UTC). */
    public LocalDate createdOn() {
        return createdOn;
    }

    public LocalDate closedAt() {
        return closedAt;
    }

    /**
     * The amount in the reporting currency at the rate of the close date; null when the deal has no amount or no rate
     * was valid that day.
     */
    public BigDecimal amount() {
        return amount;
    }

    public List<String> reasons() {
        return reasons;
    }

    /** As given when the deal was closed lost (a competitor's API id, or older free text); null when none. */
    public String winningCompetitorId() {
        return winningCompetitorId;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public String ownerName() {
        return ownerName;
    }

    public UUID pipelineId() {
        return pipelineId;
    }

    public String pipelineName() {
        return pipelineName;
    }

    /** The stage a lost deal was in when it was lost; null for won deals. */
    public UUID lostAtStageId() {
        return lostAtStageId;
    }

    public String lostAtStageName() {
        return lostAtStageName;
    }

    public String industry() {
        return industry;
    }

    /** The account's employee count (company size); null when unknown. */
    public Integer employeeCount() {
        return employeeCount;
    }

    /** The source of the lead the deal was qualified from; null when it did not come from a lead. */
    public String leadSource() {
        return leadSource;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClosedOpportunity c && id.equals(c.id) && closedAt.equals(c.closedAt) && won == c.won;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, closedAt, won);
    }

    @Override
    public String toString() {
        return "ClosedOpportunity[" + id + (won ? " won " : " lost ") + closedAt + "]";
    }

    /** Collects the values; {@link #build()} checks the required ones. */
    public static final class Builder {

        private UUID id;
        private String name;
        private Boolean won;
        private LocalDate createdOn;
        private LocalDate closedAt;
        private BigDecimal amount;
        private List<String> reasons = List.of();
        private String winningCompetitorId;
        private UUID ownerId;
        private String ownerName;
        private UUID pipelineId;
        private String pipelineName;
        private UUID lostAtStageId;
        private String lostAtStageName;
        private String industry;
        private Integer employeeCount;
        private String leadSource;

        private Builder() {}

        public Builder id(UUID value) {
            this.id = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder won(boolean value) {
            this.won = value;
            return this;
        }

        public Builder createdOn(LocalDate value) {
            this.createdOn = value;
            return this;
        }

        public Builder closedAt(LocalDate value) {
            this.closedAt = value;
            return this;
        }

        public Builder amount(BigDecimal value) {
            this.amount = value;
            return this;
        }

        public Builder reasons(List<String> value) {
            this.reasons = value == null ? List.of() : value;
            return this;
        }

        public Builder winningCompetitorId(String value) {
            this.winningCompetitorId = value;
            return this;
        }

        public Builder owner(UUID id, String name) {
            this.ownerId = id;
            this.ownerName = name;
            return this;
        }

        public Builder pipeline(UUID id, String name) {
            this.pipelineId = id;
            this.pipelineName = name;
            return this;
        }

        public Builder lostAtStage(UUID id, String name) {
            this.lostAtStageId = id;
            this.lostAtStageName = name;
            return this;
        }

        public Builder industry(String value) {
            this.industry = value;
            return this;
        }

        public Builder employeeCount(Integer value) {
            this.employeeCount = value;
            return this;
        }

        public Builder leadSource(String value) {
            this.leadSource = value;
            return this;
        }

        public ClosedOpportunity build() {
            return new ClosedOpportunity(this);
        }
    }
}

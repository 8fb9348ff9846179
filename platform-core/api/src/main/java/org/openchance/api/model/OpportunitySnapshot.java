package org.openchance.api.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An opportunity as a plugin sees it: an immutable copy of the deal, its account's key facts, its team, its close and
 * its stage history; never a database entity.
 *
 * <p>Built with {@link #builder()} (or {@link #toBuilder()} to change a copy): fields are added in minor versions,
 * and a plugin that builds snapshots (in its tests, say) keeps compiling. {@code id}, {@code name}, {@code accountId}
 * and {@code status} are required; lists are never null.
 */
public final class OpportunitySnapshot {

    private final UUID id;
    private final String name;
    private final UUID accountId;
    private final String accountName;
    private final String industry;
    private final Integer accountEmployees;
    private final Money amount;
    private final Money budget;
    private final int probability;
    private final LocalDate expectedCloseDate;
    private final UUID pipelineId;
    private final UUID stageId;
    private final String stage;
    private final String forecastCategory;
    private final String status;
    private final UUID ownerId;
    private final Instant createdAt;
    private final LocalDate closedAt;
    private final List<String> closeReasons;
    private final UUID lostAtStageId;
    private final String winningCompetitorId;
    private final List<TeamMemberSnapshot> team;
    private final Integer competitorCount;
    private final String resourceAvailability;
    private final LocalDate resourcesAvailableFrom;
    private final List<StageChange> stageHistory;

    private OpportunitySnapshot(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.name = Objects.requireNonNull(b.name, "name");
        this.accountId = Objects.requireNonNull(b.accountId, "accountId");
        this.accountName = b.accountName;
        this.industry = b.industry;
        this.accountEmployees = b.accountEmployees;
        this.amount = b.amount;
        this.budget = b.budget;
        this.probability = b.probability;
        this.expectedCloseDate = b.expectedCloseDate;
        this.pipelineId = b.pipelineId;
        this.stageId = b.stageId;
        this.stage = b.stage;
        this.forecastCategory = b.forecastCategory;
        this.status = Objects.requireNonNull(b.status, "status");
        this.ownerId = b.ownerId;
        this.createdAt = b.createdAt;
        this.closedAt = b.closedAt;
        this.closeReasons = List.copyOf(b.closeReasons);
        this.lostAtStageId = b.lostAtStageId;
        this.winningCompetitorId = b.winningCompetitorId;
        this.team = List.copyOf(b.team);
        this.competitorCount = b.competitorCount;
        this.resourceAvailability = b.resourceAvailability;
        this.resourcesAvailableFrom = b.resourcesAvailableFrom;
        this.stageHistory = List.copyOf(b.stageHistory);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this snapshot's values: to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.name = name;
        b.accountId = accountId;
        b.accountName = accountName;
        b.industry = industry;
        b.accountEmployees = accountEmployees;
        b.amount = amount;
        b.budget = budget;
        b.probability = probability;
        b.expectedCloseDate = expectedCloseDate;
        b.pipelineId = pipelineId;
        b.stageId = stageId;
        b.stage = stage;
        b.forecastCategory = forecastCategory;
        b.status = status;
        b.ownerId = ownerId;
        b.createdAt = createdAt;
        b.closedAt = closedAt;
        b.closeReasons = closeReasons;
        b.lostAtStageId = lostAtStageId;
        b.winningCompetitorId = winningCompetitorId;
        b.team = team;
        b.competitorCount = competitorCount;
        b.resourceAvailability = resourceAvailability;
        b.resourcesAvailableFrom = resourcesAvailableFrom;
        b.stageHistory = stageHistory;
        return b;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UUID accountId() {
        return accountId;
    }

    /** The account's name; null when the account is gone. */
    public String accountName() {
        return accountName;
    }

    /** The account's industry; null when not recorded. */
    public String industry() {
        return industry;
    }

    /** The account's employee count (company size); null when unknown. */
    public Integer accountEmployees() {
        return accountEmployees;
    }

    /** The estimated value; null when not estimated yet. */
    public Money amount() {
        return amount;
    }

    /** The budget the customer has for it; null when not known. */
    public Money budget() {
        return budget;
    }

    /** The win probability in percent, 0 to 100. */
    public int probability() {
        return probability;
    }

    /** When the deal is expected to close; null when not planned yet. */
    public LocalDate expectedCloseDate() {
        return expectedCloseDate;
    }

    /** The pipeline the deal runs in. */
    public UUID pipelineId() {
        return pipelineId;
    }

    /** The stage it is in now. */
    public UUID stageId() {
        return stageId;
    }

    /** The name of the stage it is in now. */
    public String stage() {
        return stage;
    }

    /** PIPELINE, BEST_CASE, COMMIT, CLOSED or OMITTED. */
    public String forecastCategory() {
        return forecastCategory;
    }

    /** OPEN, WON or LOST. */
    public String status() {
        return status;
    }

    /** The owner: the employee responsible for the deal. */
    public UUID ownerId() {
        return ownerId;
    }

    /** When the opportunity was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /** The day it was won or lost; null while open. */
    public LocalDate closedAt() {
        return closedAt;
    }

    /** Why it was won or lost (the pipeline's close reasons); empty while open. */
    public List<String> closeReasons() {
        return closeReasons;
    }

    /** The stage a lost deal was in when it was lost; null otherwise. */
    public UUID lostAtStageId() {
        return lostAtStageId;
    }

    /** Who won a lost deal, as recorded at the close; null when not known. */
    public String winningCompetitorId() {
        return winningCompetitorId;
    }

    /** The sales team: employees and external partners, in the order they joined. */
    public List<TeamMemberSnapshot> team() {
        return team;
    }

    /** Competitors in the running as far as the team knows; null when not known. */
    public Integer competitorCount() {
        return competitorCount;
    }

    /** HIGH, MEDIUM or LOW: delivery staff free at project start; null when not known. */
    public String resourceAvailability() {
        return resourceAvailability;
    }

    /** The date from which delivery staff are free; null when not known. */
    public LocalDate resourcesAvailableFrom() {
        return resourcesAvailableFrom;
    }

    /** Every stage the deal entered, oldest first, the first at its creation. */
    public List<StageChange> stageHistory() {
        return stageHistory;
    }

    /** People on the team (the owner is counted when on it). */
    public int teamSize() {
        return team.size();
    }

    /** Whether an external partner works the deal. */
    public boolean partnerOnTeam() {
        return team.stream().anyMatch(TeamMemberSnapshot::partner);
    }

    /** Whether the deal is still open. */
    public boolean open() {
        return "OPEN".equals(status);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpportunitySnapshot s
                && id.equals(s.id)
                && name.equals(s.name)
                && accountId.equals(s.accountId)
                && Objects.equals(accountName, s.accountName)
                && Objects.equals(industry, s.industry)
                && Objects.equals(accountEmployees, s.accountEmployees)
                && Objects.equals(amount, s.amount)
                && Objects.equals(budget, s.budget)
                && probability == s.probability
                && Objects.equals(expectedCloseDate, s.expectedCloseDate)
                && Objects.equals(pipelineId, s.pipelineId)
                && Objects.equals(stageId, s.stageId)
                && Objects.equals(stage, s.stage)
                && Objects.equals(forecastCategory, s.forecastCategory)
                && status.equals(s.status)
                && Objects.equals(ownerId, s.ownerId)
                && Objects.equals(createdAt, s.createdAt)
                && Objects.equals(closedAt, s.closedAt)
                && closeReasons.equals(s.closeReasons)
                && Objects.equals(lostAtStageId, s.lostAtStageId)
                && Objects.equals(winningCompetitorId, s.winningCompetitorId)
                && team.equals(s.team)
                && Objects.equals(competitorCount, s.competitorCount)
                && Objects.equals(resourceAvailability, s.resourceAvailability)
                && Objects.equals(resourcesAvailableFrom, s.resourcesAvailableFrom)
                && stageHistory.equals(s.stageHistory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, status, stageId, amount, closedAt);
    }

    @Override
    public String toString() {
        return "Opportunity[" + id + ", " + name + ", " + status + ", " + stage + "]";
    }

    /** Collects an opportunity's values. */
    public static final class Builder {
        private UUID id;
        private String name;
        private UUID accountId;
        private String accountName;
        private String industry;
        private Integer accountEmployees;
        private Money amount;
        private Money budget;
        private int probability = 0;
        private LocalDate expectedCloseDate;
        private UUID pipelineId;
        private UUID stageId;
        private String stage;
        private String forecastCategory;
        private String status;
        private UUID ownerId;
        private Instant createdAt;
        private LocalDate closedAt;
        private List<String> closeReasons = List.of();
        private UUID lostAtStageId;
        private String winningCompetitorId;
        private List<TeamMemberSnapshot> team = List.of();
        private Integer competitorCount;
        private String resourceAvailability;
        private LocalDate resourcesAvailableFrom;
        private List<StageChange> stageHistory = List.of();

        private Builder() {}

        public Builder id(UUID v) {
            id = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder accountId(UUID v) {
            accountId = v;
            return this;
        }

        public Builder accountName(String v) {
            accountName = v;
            return this;
        }

        public Builder industry(String v) {
            industry = v;
            return this;
        }

        public Builder accountEmployees(Integer v) {
            accountEmployees = v;
            return this;
        }

        public Builder amount(Money v) {
            amount = v;
            return this;
        }

        public Builder budget(Money v) {
            budget = v;
            return this;
        }

        public Builder probability(int v) {
            probability = v;
            return this;
        }

        public Builder expectedCloseDate(LocalDate v) {
            expectedCloseDate = v;
            return this;
        }

        public Builder pipelineId(UUID v) {
            pipelineId = v;
            return this;
        }

        public Builder stageId(UUID v) {
            stageId = v;
            return this;
        }

        public Builder stage(String v) {
            stage = v;
            return this;
        }

        public Builder forecastCategory(String v) {
            forecastCategory = v;
            return this;
        }

        public Builder status(String v) {
            status = v;
            return this;
        }

        public Builder ownerId(UUID v) {
            ownerId = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder closedAt(LocalDate v) {
            closedAt = v;
            return this;
        }

        public Builder closeReasons(List<String> v) {
            closeReasons = v;
            return this;
        }

        public Builder lostAtStageId(UUID v) {
            lostAtStageId = v;
            return this;
        }

        public Builder winningCompetitorId(String v) {
            winningCompetitorId = v;
            return this;
        }

        public Builder team(List<TeamMemberSnapshot> v) {
            team = v;
            return this;
        }

        public Builder competitorCount(Integer v) {
            competitorCount = v;
            return this;
        }

        public Builder resourceAvailability(String v) {
            resourceAvailability = v;
            return this;
        }

        public Builder resourcesAvailableFrom(LocalDate v) {
            resourcesAvailableFrom = v;
            return this;
        }

        public Builder stageHistory(List<StageChange> v) {
            stageHistory = v;
            return this;
        }

        public OpportunitySnapshot build() {
            return new OpportunitySnapshot(this);
        }
    }
}

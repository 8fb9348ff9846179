package org.openchance.store.opportunity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code opportunity}. Changed through {@link #toBuilder()}; the version guards concurrent edits. */
@MappedEntity("opportunity")
public record OpportunityRow(
        @Id UUID id,
        String name,
        UUID accountId,
        @Nullable String description,
        @Nullable BigDecimal amount,
        @Nullable String amountCurrency,
        @Nullable BigDecimal budget,
        @Nullable String budgetCurrency,
        int probability,
        boolean probabilityManual,
        @Nullable LocalDate expectedCloseDate,
        UUID pipelineId,
        UUID stageId,
        Instant stageEnteredAt,
        String forecastCategory,
        OpportunityStatus status,
        UUID ownerId,
        @Nullable LocalDate closedAt,
        @TypeDef(type = DataType.STRING_ARRAY) String[] closeReasons,
        @Nullable String winningCompetitorId,
        @Nullable String closeNote,
        @Nullable UUID lostAtStageId,
        @Nullable Integer competitorCount,
        @Nullable String resourceAvailability,
        @Nullable LocalDate resourcesAvailableFrom,
        @Version int version,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt,
        @Nullable Instant deletedAt) {

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * From id and version only (consistent with the record's equals): rows are keys of the API's data loaders, and
     * hashing all 29 fields was a measurable share of a page's CPU.
     */
    @Override
    public int hashCode() {
        return 31 * id.hashCode() + version;
    }

    /** A copy with some fields changed. */
    public static final class Builder {
        private UUID id;
        private String name;
        private UUID accountId;
        private String description;
        private BigDecimal amount;
        private String amountCurrency;
        private BigDecimal budget;
        private String budgetCurrency;
        private int probability;
        private boolean probabilityManual;
        private LocalDate expectedCloseDate;
        private UUID pipelineId;
        private UUID stageId;
        private Instant stageEnteredAt;
        private String forecastCategory;
        private OpportunityStatus status;
        private UUID ownerId;
        private LocalDate closedAt;
        private String[] closeReasons;
        private String winningCompetitorId;
        private String closeNote;
        private UUID lostAtStageId;
        private Integer competitorCount;
        private String resourceAvailability;
        private LocalDate resourcesAvailableFrom;
        private int version;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant deletedAt;

        public Builder() {
            closeReasons = new String[0];
        }

        private Builder(OpportunityRow r) {
            id = r.id;
            name = r.name;
            accountId = r.accountId;
            description = r.description;
            amount = r.amount;
            amountCurrency = r.amountCurrency;
            budget = r.budget;
            budgetCurrency = r.budgetCurrency;
            probability = r.probability;
            probabilityManual = r.probabilityManual;
            expectedCloseDate = r.expectedCloseDate;
            pipelineId = r.pipelineId;
            stageId = r.stageId;
            stageEnteredAt = r.stageEnteredAt;
            forecastCategory = r.forecastCategory;
            status = r.status;
            ownerId = r.ownerId;
            closedAt = r.closedAt;
            closeReasons = r.closeReasons;
            winningCompetitorId = r.winningCompetitorId;
            closeNote = r.closeNote;
            lostAtStageId = r.lostAtStageId;
            competitorCount = r.competitorCount;
            resourceAvailability = r.resourceAvailability;
            resourcesAvailableFrom = r.resourcesAvailableFrom;
            version = r.version;
            createdAt = r.createdAt;
            updatedAt = r.updatedAt;
            deletedAt = r.deletedAt;
        }

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

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder amount(BigDecimal v, String currency) {
            amount = v;
            amountCurrency = currency;
            return this;
        }

        public Builder budget(BigDecimal v, String currency) {
            budget = v;
            budgetCurrency = currency;
            return this;
        }

        public Builder probability(int v, boolean manual) {
            probability = v;
            probabilityManual = manual;
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

        public Builder stage(UUID v, Instant enteredAt) {
            stageId = v;
            stageEnteredAt = enteredAt;
            return this;
        }

        public Builder forecastCategory(String v) {
            forecastCategory = v;
            return this;
        }

        public Builder status(OpportunityStatus v) {
            status = v;
            return this;
        }

        public Builder ownerId(UUID v) {
            ownerId = v;
            return this;
        }

        public Builder close(LocalDate at, String[] reasons, String competitorId, String note, UUID lostAtStage) {
            closedAt = at;
            closeReasons = reasons;
            winningCompetitorId = competitorId;
            closeNote = note;
            lostAtStageId = lostAtStage;
            return this;
        }

        public Builder competitorCount(Integer v) {
            competitorCount = v;
            return this;
        }

        public Builder resources(String availability, LocalDate availableFrom) {
            resourceAvailability = availability;
            resourcesAvailableFrom = availableFrom;
            return this;
        }

        public Builder deletedAt(Instant v) {
            deletedAt = v;
            return this;
        }

        public OpportunityRow build() {
            return new OpportunityRow(
                    id,
                    name,
                    accountId,
                    description,
                    amount,
                    amountCurrency,
                    budget,
                    budgetCurrency,
                    probability,
                    probabilityManual,
                    expectedCloseDate,
                    pipelineId,
                    stageId,
                    stageEnteredAt,
                    forecastCategory,
                    status,
                    ownerId,
                    closedAt,
                    closeReasons,
                    winningCompetitorId,
                    closeNote,
                    lostAtStageId,
                    competitorCount,
                    resourceAvailability,
                    resourcesAvailableFrom,
                    version,
                    createdAt,
                    updatedAt,
                    deletedAt);
        }
    }
}

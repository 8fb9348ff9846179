package org.openchance.server.opportunity;

import java.time.LocalDate;
import java.util.List;
import org.openchance.server.graphql.MoneyInput;

/** The mutation inputs of the opportunity API, as GraphQL delivers them. */
public final class OpportunityInputs {

    private OpportunityInputs() {}

    public record CreateOpportunityInput(
            String name,
            String accountId,
            String description,
            MoneyInput amount,
            MoneyInput budget,
            Integer probability,
            LocalDate expectedCloseDate,
            String pipelineId,
            String stageId,
            String ownerId,
            Integer competitorCount,
            String resourceAvailability,
            LocalDate resourcesAvailableFrom) {}

    record UpdateOpportunityInput(
            String id,
            Integer expectedVersion,
            String name,
            String description,
            MoneyInput amount,
            MoneyInput budget,
            Integer probability,
            LocalDate expectedCloseDate,
            String ownerId,
            Integer competitorCount,
            String resourceAvailability,
            LocalDate resourcesAvailableFrom) {}

    record MoveOpportunityStageInput(String id, Integer expectedVersion, String stageId) {}

    record MoveOpportunityToPipelineInput(String id, Integer expectedVersion, String pipelineId, String stageId) {}

    record CloseOpportunityInput(
            String id,
            Integer expectedVersion,
            String outcome,
            LocalDate closedAt,
            List<String> reasons,
            String winningCompetitorId,
            String note) {}

    record ReopenOpportunityInput(String id, Integer expectedVersion, String stageId) {}

    record VersionedInput(String id, Integer expectedVersion) {}

    record AddTeamMemberInput(String opportunityId, String userId, String role, String access) {}

    record RemoveTeamMemberInput(String opportunityId, String userId) {}

    public record RemoveOpportunityContactInput(String opportunityId, String contactId) {}

    public record AddOpportunityContactInput(String opportunityId, String contactId, String role) {}
}

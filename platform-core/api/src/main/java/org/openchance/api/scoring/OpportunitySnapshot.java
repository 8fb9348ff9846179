package org.openchance.api.scoring;

import java.time.LocalDate;
import java.util.UUID;
import org.openchance.api.model.Money;

/**
 * An opportunity as a plugin sees it: an immutable copy of what scoring reads, never a database entity.
 *
 * @param stage              the stage's name
 * @param status             OPEN, WON or LOST
 * @param accountEmployees   the account's employee count (company size), or null when unknown
 * @param teamSize           people on the team besides the owner
 * @param partnerOnTeam      an external partner works the deal
 * @param competitorCount    competitors in the running as far as the team knows, or null when not known
 * @param resourceAvailability   HIGH, MEDIUM or LOW: delivery staff free at project start; null when not known
 * @param resourcesAvailableFrom the date from which delivery staff are free, or null when not known
 */
public record OpportunitySnapshot(UUID id, String name, UUID accountId, Money amount, Money budget, int probability,
                                  LocalDate expectedCloseDate, String stage, String status, String accountName,
                                  String industry, Integer accountEmployees, int teamSize, boolean partnerOnTeam,
                                  Integer competitorCount, String resourceAvailability,
                                  LocalDate resourcesAvailableFrom) {
}

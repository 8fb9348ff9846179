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
 */
public record OpportunitySnapshot(UUID id, String name, UUID accountId, Money amount, Money budget, int probability,
                                  LocalDate expectedCloseDate, String stage, String status, String accountName,
                                  String industry, Integer accountEmployees, int teamSize, boolean partnerOnTeam) {
}

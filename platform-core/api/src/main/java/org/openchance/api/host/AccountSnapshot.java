package org.openchance.api.host;

import java.util.UUID;
import org.openchance.api.model.Money;

/** An account as a plugin sees it. */
public record AccountSnapshot(UUID id, String name, String industry, Integer employeeCount, Money annualRevenue,
                              String website, String country) {
}

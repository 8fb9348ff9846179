package org.openchance.api.forecast;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One open opportunity's part of a period's expected amount: what explains a forecast.
 *
 * @param amount the part of {@code expected} it brings, in the forecast's currency
 */
public record Contributor(UUID opportunityId, BigDecimal amount) {}

package org.openchance.api.forecast;

import org.openchance.api.model.Money;

/**
 * A model's prediction for one period.
 *
 * @param expected    the amount the model expects to be won in the period
 * @param explanation one sentence on how it got there, shown next to the number
 */
public record PeriodForecast(Period period, Money expected, String explanation) {}

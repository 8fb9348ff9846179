package org.openchance.api.forecast;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Predicts the amount that will be won per period from the pipeline as it stands on a date. The host gives it the
 * open opportunities as of that date and the ones closed before it; for a back-test it picks a past date, so the
 * model sees nothing of the future. Called with the host's time budget.
 */
@ConsumerType
public interface ForecastModel {

    /** The service property with the model's id: stable and unique, e.g. {@code weighted} or {@code acme-regression}. */
    String ID = "openchance.forecast.model";

    String name();

    /** One result per requested period, in the periods' order. */
    List<PeriodForecast> forecast(ForecastInput input);
}

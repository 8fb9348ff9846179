package org.openchance.api.forecast;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Predicts the amount that will be won per period from the pipeline as it stands on a date. The host gives it the
 * open opportunities as of that date and the ones closed before it, every amount already in the forecast's currency;
 * for a back-test it picks a past date and rebuilds the pipeline of then, so the model sees nothing of the future.
 * Called with the host's forecast time budget; a model keeps no state between calls (several servers, several
 * forecasts at once).
 */
@ConsumerType
public interface ForecastModel {

    /** The service property with the model's id, stable and unique: {@code weighted}, {@code acme-regression}. */
    String ID = "openchance.forecast.model";

    String name();

    /** How the model works, in a sentence or two for the people choosing one. */
    default String description() {
        return "";
    }

    /** What the model needs to answer, in words, e.g. "needs 50 closed deals"; empty when it always answers. */
    default String needs() {
        return "";
    }

    /**
     * One result per requested period, in the periods' order: what the open deals will bring in it. Closed deals are
     * history to learn from; the host adds what was won in a period before {@code asOf} itself. A period the model
     * cannot forecast (too little history) is {@link PeriodForecast#unavailable}, never zero.
     */
    List<PeriodForecast> forecast(ForecastInput input);
}

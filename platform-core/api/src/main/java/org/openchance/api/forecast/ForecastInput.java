package org.openchance.api.forecast;

import java.time.LocalDate;
import java.util.List;
import org.openchance.api.model.OpportunitySnapshot;

/**
 * What a model forecasts from.
 *
 * @param asOf     the date the pipeline is seen from (today, or a past date for a back-test)
 * @param currency the currency of the forecast; amounts in other currencies are left out by the host
 * @param periods  the periods to forecast, in order
 * @param open     the opportunities open on {@code asOf}, with their values of that date
 * @param closed   the opportunities closed (won or lost) before {@code asOf}: the history a model may learn from
 */
public record ForecastInput(
        LocalDate asOf,
        String currency,
        List<Period> periods,
        List<OpportunitySnapshot> open,
        List<OpportunitySnapshot> closed) {

    public ForecastInput {
        periods = List.copyOf(periods);
        open = List.copyOf(open);
        closed = List.copyOf(closed);
    }
}

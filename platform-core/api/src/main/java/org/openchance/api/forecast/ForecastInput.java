package org.openchance.api.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;

/**
 * What a model forecasts from: only what was known on {@code asOf}.
 *
 * @param asOf     the day the pipeline is seen from (today, or a past day for a back-test): deals are as they stood at
 *     its start
 * @param currency the forecast's currency: every amount in {@code open} and {@code closed} is in it, converted by the
 *     host (deals it could not convert are left out and counted in the answer)
 * @param periods  the periods to forecast, in order, none ending before {@code asOf}
 * @param open     the opportunities open on {@code asOf}, with the values, stage history and close date of then
 * @param closed   the opportunities closed (won or lost) before {@code asOf}, with their stage history up to the
 *     close: the history a model may learn from (all the caller may see, not only the forecast group's)
 * @param allOpen  every opportunity open on {@code asOf} the caller may see, the group's and the others': with
 *     {@code closed}, what a model learns from (a deal still open after so many days is history too); the same
 *     list for every group of a forecast
 * @param quotas   per period where the forecast's group has a quota: the part of it still to be won (the quota less
 *     what was won in the period before {@code asOf}, at least 0), what the open deals would have to bring
 * @param seed     for models that draw random numbers: the same input and seed give the same answer
 */
public record ForecastInput(
        LocalDate asOf,
        String currency,
        List<Period> periods,
        List<OpportunitySnapshot> open,
        List<OpportunitySnapshot> closed,
        List<OpportunitySnapshot> allOpen,
        Map<Period, Money> quotas,
        long seed) {

    public ForecastInput {
        periods = List.copyOf(periods);
        open = List.copyOf(open);
        closed = List.copyOf(closed);
        allOpen = List.copyOf(allOpen);
        quotas = Map.copyOf(quotas);
    }

    /** One group that is the whole pipeline: {@code allOpen} is {@code open}. */
    public ForecastInput(
            LocalDate asOf,
            String currency,
            List<Period> periods,
            List<OpportunitySnapshot> open,
            List<OpportunitySnapshot> closed,
            Map<Period, Money> quotas,
            long seed) {
        this(asOf, currency, periods, open, closed, open, quotas, seed);
    }

    /** Without quotas, seed 0. */
    public ForecastInput(
            LocalDate asOf,
            String currency,
            List<Period> periods,
            List<OpportunitySnapshot> open,
            List<OpportunitySnapshot> closed) {
        this(asOf, currency, periods, open, closed, open, Map.of(), 0L);
    }
}

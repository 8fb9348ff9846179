package org.openchance.server.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.model.Money;
import org.openchance.pluginhost.Extension;
import org.openchance.server.forecast.PipelineRebuild.Deal;
import org.openchance.server.forecast.PipelineRebuild.Pipeline;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.money.ExchangeRateService;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.forecast.ForecastDeals;
import org.openchance.store.opportunity.OpportunityStatus;
import org.springframework.stereotype.Service;

/**
 * {@code forecastBacktest}: each model asked about past periods from the pipeline as it stood at each cut-off (the
 * period's start minus the horizon), rebuilt from the history in memory, and compared with what was won in the period.
 * A model is handed only deals that existed at the cut-off, with their values and stage history of then, and the
 * deals closed before it: it cannot see the future.
 */
@Service
public class Backtests {

    static final int MAX_PERIODS = 24;

    public record Request(
            List<String> models,
            ForecastPeriods.Type periodType,
            LocalDate from,
            LocalDate to,
            Integer horizonDays,
            String currency) {}

    public record PeriodRow(
            Period period,
            LocalDate cutoff,
            Money forecast,
            Money p10,
            Money p90,
            Money actual,
            Money error,
            String unavailable,
            int openDeals) {}

    public record ModelRow(
            String model,
            List<PeriodRow> periods,
            Double mape,
            Double wape,
            Double bias,
            Double intervalCoverage,
            int periodsForecast) {}

    private final ForecastModels models;
    private final ForecastDeals deals;
    private final ExchangeRateService rates;
    private final CurrentUser currentUser;
    private final Forecasts forecasts;

    Backtests(
            ForecastModels models,
            ForecastDeals deals,
            ExchangeRateService rates,
            CurrentUser currentUser,
            Forecasts forecasts) {
        this.models = models;
        this.deals = deals;
        this.rates = rates;
        this.currentUser = currentUser;
        this.forecasts = forecasts;
    }

    /** The models' results, the best (lowest WAPE) first; models without any forecast last. */
    public List<ModelRow> backtest(Request r) {
        if (r.models() == null || r.models().isEmpty()) {
            throw new QueryInputException("input.models", "name at least one model");
        }
        List<Extension<ForecastModel>> chosen = r.models().stream()
                .distinct()
                .map(id -> models.require(id, "input.models"))
                .toList();
        int horizon = r.horizonDays() == null ? 0 : r.horizonDays();
        if (horizon < 0 || horizon > 366) {
            throw new QueryInputException("input.horizonDays", "must be between 0 and 366");
        }
        String currency = forecasts.currency(r.currency(), "input.currency");
        ForecastPeriods.Type type = r.periodType() == null ? ForecastPeriods.Type.QUARTER : r.periodType();
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Period> periods = Forecasts.periods(type, r.from(), r.to(), "input").stream()
                .filter(p -> p.to().isBefore(today))
                .toList();
        if (periods.size() > MAX_PERIODS) {
            throw new QueryInputException("input.to", "at most " + MAX_PERIODS + " past periods at a time");
        }
        if (periods.isEmpty()) {
            return chosen.stream()
                    .map(m -> new ModelRow(m.id(), List.of(), null, null, null, null, 0))
                    .toList();
        }
        Instant since = periods.get(0)
                .from()
                .minusDays(horizon)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        PipelineRebuild rebuild = new PipelineRebuild(
                deals.load(currentUser.viewer(), since, ForecastDeals.AS_OF_FIELDS),
                rates.datedRates(),
                currency,
                forecasts.stageNames());
        List<Deal> wonByNow = rebuild.now(now).closed().stream()
                .filter(d ->
                        d.state().status() == OpportunityStatus.WON && d.state().closedAt() != null)
                .toList();
        List<List<PeriodRow>> rows = new ArrayList<>();
        chosen.forEach(m -> rows.add(new ArrayList<>()));
        for (Period p : periods) {
            LocalDate cutoff = p.from().minusDays(horizon);
            Pipeline then = rebuild.at(cutoff);
            BigDecimal actual = Forecasts.sum(wonByNow.stream()
                    .filter(d -> p.contains(d.state().closedAt()))
                    .map(Deal::amount)
                    .toList());
            List<org.openchance.api.model.OpportunitySnapshot> open = then.openSnapshots();
            ForecastInput input = new ForecastInput(
                    cutoff,
                    currency,
                    List.of(p),
                    open,
                    then.history(),
                    open,
                    Map.of(),
                    p.from().toEpochDay());
            for (int i = 0; i < chosen.size(); i++) {
                PeriodForecast f = models.forecast(chosen.get(i), input).get(0);
                rows.get(i).add(row(p, cutoff, f, actual, currency, then.open().size()));
            }
        }
        List<ModelRow> result = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            result.add(summary(chosen.get(i).id(), rows.get(i)));
        }
        result.sort(Comparator.comparing((ModelRow m) -> m.wape() == null ? Double.MAX_VALUE : m.wape()));
        return result;
    }

    private static PeriodRow row(
            Period p, LocalDate cutoff, PeriodForecast f, BigDecimal actual, String currency, int open) {
        Money actualMoney = Forecasts.money(actual, currency);
        if (!f.isAvailable()) {
            return new PeriodRow(p, cutoff, null, null, null, actualMoney, null, f.unavailable(), open);
        }
        BigDecimal forecast = f.expected().amount();
        return new PeriodRow(
                p,
                cutoff,
                Forecasts.money(forecast, currency),
                f.p10() == null ? null : Forecasts.money(f.p10().amount(), currency),
                f.p90() == null ? null : Forecasts.money(f.p90().amount(), currency),
                actualMoney,
                Forecasts.money(forecast.subtract(actual), currency),
                null,
                open);
    }

    /** MAPE over periods with wins, WAPE and bias over all forecast periods, coverage of P10-P90. */
    static ModelRow summary(String model, List<PeriodRow> periods) {
        double absolute = 0;
        double signed = 0;
        double actuals = 0;
        double percentages = 0;
        int withWins = 0;
        int forecast = 0;
        int withInterval = 0;
        int covered = 0;
        for (PeriodRow p : periods) {
            if (p.forecast() == null) {
                continue;
            }
            forecast++;
            double a = p.actual().amount().doubleValue();
            double e = p.error().amount().doubleValue();
            absolute += Math.abs(e);
            signed += e;
            actuals += a;
            if (a > 0) {
                percentages += Math.abs(e) / a;
                withWins++;
            }
            if (p.p10() != null && p.p90() != null) {
                withInterval++;
                if (p.p10().amount().doubleValue() <= a && a <= p.p90().amount().doubleValue()) {
                    covered++;
                }
            }
        }
        return new ModelRow(
                model,
                periods,
                withWins == 0 ? null : round(percentages / withWins),
                actuals == 0 ? null : round(absolute / actuals),
                actuals == 0 ? null : round(signed / actuals),
                withInterval == 0 ? null : round((double) covered / withInterval),
                forecast);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

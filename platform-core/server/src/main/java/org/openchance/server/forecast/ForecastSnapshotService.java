package org.openchance.server.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.model.Money;
import org.openchance.pluginhost.Extension;
import org.openchance.server.forecast.ForecastGroups.Grouping;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.money.ReportingCurrency;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.access.Viewer;
import org.openchance.store.forecast.ForecastSnapshots;
import org.openchance.store.forecast.ForecastSnapshots.Snapshot;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records forecasts as they were made: each model's rows for the current quarter and the three after it, for every
 * deal and for each owner (a manager's row with their reports'), in the reporting currency, seen as the organisation
 * sees them (all deals). Read back through the visibility rule: an owner's rows by who may see that owner's deals,
 * the all-deals rows only by those who see every deal.
 */
@Service
public class ForecastSnapshotService {

    public record SnapshotForecastInput(List<String> models) {}

    private static final int QUARTERS_AHEAD = 3;
    /** Newest first: a year of weekly rows of a quarter for a hundred owners and one model. */
    static final int MAX_ROWS = 5_000;

    private final Forecasts forecasts;
    private final ForecastModels models;
    private final ForecastSnapshots snapshots;
    private final ReportingCurrency reporting;
    private final CurrentUser currentUser;

    ForecastSnapshotService(
            Forecasts forecasts,
            ForecastModels models,
            ForecastSnapshots snapshots,
            ReportingCurrency reporting,
            CurrentUser currentUser) {
        this.forecasts = forecasts;
        this.models = models;
        this.snapshots = snapshots;
        this.reporting = reporting;
        this.currentUser = currentUser;
    }

    /** {@code snapshotForecast}: the named models (all when none are named), recorded now. */
    @Transactional
    public List<Snapshot> takeNow(SnapshotForecastInput in) {
        List<Extension<ForecastModel>> chosen =
                in == null || in.models() == null || in.models().isEmpty()
                        ? models.all()
                        : in.models().stream()
                                .distinct()
                                .map(id -> models.find(id)
                                        .orElseThrow(() -> new UserErrorException(UserError.validation(
                                                "input.models", "no forecast model '" + id + "'"))))
                                .toList();
        if (chosen.isEmpty()) {
            throw new UserErrorException(UserError.validation("input.models", "no forecast model is installed"));
        }
        UUID by = currentUser.id().orElse(null);
        List<Snapshot> rows = new ArrayList<>();
        for (Extension<ForecastModel> model : chosen) {
            rows.addAll(rows(model.id(), "ON_DEMAND", by));
        }
        snapshots.insert(rows);
        return rows;
    }

    /**
     * The weekly snapshot of each model that has none this week (ISO weeks, from Monday, UTC): one server records it,
     * the one that claims the week first; a failure rolls the claim back, so the next round tries again.
     */
    @Transactional
    public int takeWeekly(String modelId) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate monday = today.minusDays(today.getDayOfWeek().getValue() - 1L);
        if (!snapshots.claimWeek(modelId, monday)) {
            return 0;
        }
        List<Snapshot> rows = rows(modelId, "WEEKLY", null);
        snapshots.insert(rows);
        return rows.size();
    }

    /** The recorded rows of a period the caller may see. */
    public List<Snapshot> find(String model, String period, LocalDate from, LocalDate to) {
        org.openchance.api.forecast.Period p = ForecastPeriods.parse(period);
        if (p == null) {
            throw new org.openchance.server.graphql.QueryInputException(
                    "period", "must name a month (2026-07) or a quarter (2026-Q3)");
        }
        Viewer viewer = currentUser.viewer();
        return snapshots.find(
                model, p.from(), p.to(), from, to, viewer.restrictsOpportunities() ? viewer.sight() : null, MAX_ROWS);
    }

    private List<Snapshot> rows(String model, String reason, UUID takenBy) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String currency = reporting.code();
        List<Snapshot> rows = new ArrayList<>();
        for (Grouping grouping : List.of(Grouping.NONE, Grouping.OWNER)) {
            Forecasts.Request request = new Forecasts.Request(
                    model,
                    ForecastPeriods.Type.QUARTER,
                    today,
                    today.plusMonths(3L * QUARTERS_AHEAD),
                    grouping,
                    currency);
            for (Forecasts.Row r : forecasts.forecast(request, Viewer.SYSTEM)) {
                rows.add(new Snapshot(
                        UUID.randomUUID(),
                        now,
                        today,
                        model,
                        reason,
                        takenBy,
                        r.period().from(),
                        r.period().to(),
                        r.group().userId(),
                        currency,
                        amount(r.closedWon()),
                        amount(r.commit()),
                        amount(r.bestCase()),
                        amount(r.pipeline()),
                        amount(r.weighted()),
                        amount(r.expected()),
                        amount(r.p10()),
                        amount(r.p50()),
                        amount(r.p90()),
                        amount(r.quota()),
                        r.unavailable()));
            }
        }
        return rows;
    }

    private static BigDecimal amount(Money m) {
        return m == null ? null : m.amount();
    }
}

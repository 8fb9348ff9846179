package org.openchance.server.forecast;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openchance.api.forecast.Period;
import org.openchance.api.model.Money;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.forecast.ForecastGroups.Group;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.UserError;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.access.Viewer;
import org.openchance.store.forecast.ForecastSnapshots.Snapshot;
import org.openchance.store.forecast.Quotas;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.RowsById;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class ForecastController {

    record ModelInfo(String id, String name, String description, String needs, String pluginId) {}

    record PeriodRange(LocalDate start, LocalDate end, String label) {
        static PeriodRange of(Period p) {
            return new PeriodRange(p.from(), p.to(), ForecastPeriods.label(p));
        }

        static PeriodRange of(LocalDate start, LocalDate end) {
            return of(new Period(start, end));
        }
    }

    record QuotaPayload(Quotas.Quota quota, List<UserError> errors) {}

    record ForecastAdjustmentPayload(Quotas.Adjustment adjustment, List<UserError> errors) {}

    record SnapshotForecastPayload(List<Snapshot> snapshots, List<UserError> errors) {}

    private final ForecastSnapshotService snapshots;
    private final ForecastModels models;
    private final Forecasts forecasts;
    private final Backtests backtests;
    private final QuotaService quotaService;
    private final Quotas quotas;
    private final PluginRegistry registry;
    private final RowsById<UserRow> userRows;
    private final VisibleOpportunities opportunities;
    private final CurrentUser currentUser;

    ForecastController(
            ForecastSnapshotService snapshots,
            ForecastModels models,
            Forecasts forecasts,
            Backtests backtests,
            QuotaService quotaService,
            Quotas quotas,
            PluginRegistry registry,
            RowsById<UserRow> userRows,
            VisibleOpportunities opportunities,
            CurrentUser currentUser) {
        this.snapshots = snapshots;
        this.models = models;
        this.forecasts = forecasts;
        this.backtests = backtests;
        this.quotaService = quotaService;
        this.quotas = quotas;
        this.registry = registry;
        this.userRows = userRows;
        this.opportunities = opportunities;
        this.currentUser = currentUser;
    }

    @QueryMapping
    List<ModelInfo> forecastModels() {
        return models.all().stream()
                .map(m -> registry.call(
                        m.pluginId(),
                        () -> new ModelInfo(
                                m.id(),
                                m.service().name(),
                                m.service().description(),
                                m.service().needs(),
                                m.pluginId())))
                .toList();
    }

    @QueryMapping
    List<Forecasts.Row> forecast(@Argument Forecasts.Request input) {
        return forecasts.forecast(input);
    }

    @QueryMapping
    List<Backtests.ModelRow> forecastBacktest(@Argument Backtests.Request input) {
        return backtests.backtest(input);
    }

    /** An admin's or a viewer's who sees every deal: anyone's; else the quotas of the people in the caller's sight. */
    @QueryMapping
    List<Quotas.Quota> quotas(@Argument List<String> userIds, @Argument LocalDate from, @Argument LocalDate to) {
        Viewer viewer = currentUser.viewer();
        Set<UUID> ids = userIds == null
                ? null
                : userIds.stream()
                        .map(id -> GlobalId.decode(id, "User").orElse(null))
                        .filter(java.util.Objects::nonNull)
                        .collect(Collectors.toSet());
        if (viewer.restrictsOpportunities()) {
            Set<UUID> sight = new HashSet<>(viewer.sight());
            ids = ids == null ? sight : ids.stream().filter(sight::contains).collect(Collectors.toSet());
        }
        return quotas.between(ids, from, to);
    }

    @MutationMapping
    QuotaPayload setQuota(@Argument QuotaService.SetQuotaInput input) {
        return Mutations.run(() -> quotaService.set(input), QuotaPayload::new);
    }

    @MutationMapping
    ForecastAdjustmentPayload adjustForecast(@Argument QuotaService.AdjustForecastInput input) {
        return Mutations.run(() -> quotaService.adjust(input), ForecastAdjustmentPayload::new);
    }

    @QueryMapping
    List<Snapshot> forecastSnapshots(
            @Argument String model,
            @Argument String period,
            @Argument LocalDate takenFrom,
            @Argument LocalDate takenTo) {
        return snapshots.find(model, period, takenFrom, takenTo);
    }

    @MutationMapping
    SnapshotForecastPayload snapshotForecast(@Argument ForecastSnapshotService.SnapshotForecastInput input) {
        return Mutations.run(() -> snapshots.takeNow(input), SnapshotForecastPayload::new);
    }

    @SchemaMapping(typeName = "ForecastSnapshot", field = "takenAt")
    OffsetDateTime snapshotTakenAt(Snapshot s) {
        return DateTimes.utc(s.takenAt());
    }

    @SchemaMapping(typeName = "Quota", field = "setAt")
    OffsetDateTime quotaSetAt(Quotas.Quota q) {
        return DateTimes.utc(q.setAt());
    }

    @SchemaMapping(typeName = "ForecastAdjustment", field = "adjustedAt")
    OffsetDateTime adjustedAt(Quotas.Adjustment a) {
        return DateTimes.utc(a.adjustedAt());
    }

    @SchemaMapping(typeName = "ForecastSnapshot", field = "period")
    PeriodRange snapshotPeriod(Snapshot s) {
        return PeriodRange.of(s.periodStart(), s.periodEnd());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money closedWon(Snapshot s) {
        return MoneyInput.output(s.closedWon(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money commit(Snapshot s) {
        return MoneyInput.output(s.commit(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money bestCase(Snapshot s) {
        return MoneyInput.output(s.bestCase(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money pipeline(Snapshot s) {
        return MoneyInput.output(s.pipeline(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money weighted(Snapshot s) {
        return MoneyInput.output(s.weighted(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money expected(Snapshot s) {
        return MoneyInput.output(s.expected(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money p10(Snapshot s) {
        return MoneyInput.output(s.p10(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money p50(Snapshot s) {
        return MoneyInput.output(s.p50(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money p90(Snapshot s) {
        return MoneyInput.output(s.p90(), s.currency());
    }

    @SchemaMapping(typeName = "ForecastSnapshot")
    Money quota(Snapshot s) {
        return MoneyInput.output(s.quota(), s.currency());
    }

    @BatchMapping(typeName = "ForecastSnapshot", field = "user")
    Map<Snapshot, UserRow> snapshotUser(List<Snapshot> list) {
        return Batches.byKey(list, Snapshot::ownerId, userRows::find, UserRow::id);
    }

    @BatchMapping(typeName = "ForecastSnapshot", field = "takenBy")
    Map<Snapshot, UserRow> snapshotTakenBy(List<Snapshot> list) {
        return Batches.byKey(list, Snapshot::takenBy, userRows::find, UserRow::id);
    }

    @SchemaMapping(typeName = "ForecastPeriod", field = "period")
    PeriodRange forecastPeriod(Forecasts.Row row) {
        return PeriodRange.of(row.period());
    }

    @SchemaMapping(typeName = "BacktestPeriod", field = "period")
    PeriodRange backtestPeriod(Backtests.PeriodRow row) {
        return PeriodRange.of(row.period());
    }

    @SchemaMapping(typeName = "Quota", field = "period")
    PeriodRange quotaPeriod(Quotas.Quota quota) {
        return PeriodRange.of(quota.periodStart(), quota.periodEnd());
    }

    @SchemaMapping(typeName = "Quota", field = "amount")
    Money quotaAmount(Quotas.Quota quota) {
        return MoneyInput.output(quota.amount(), quota.currency());
    }

    @SchemaMapping(typeName = "ForecastAdjustment", field = "period")
    PeriodRange adjustmentPeriod(Quotas.Adjustment a) {
        return PeriodRange.of(a.periodStart(), a.periodEnd());
    }

    @SchemaMapping(typeName = "ForecastAdjustment", field = "amount")
    Money adjustmentAmount(Quotas.Adjustment a) {
        return MoneyInput.output(a.amount(), a.currency());
    }

    @SchemaMapping(typeName = "ForecastGroup", field = "key")
    String groupKey(Group group) {
        return group.userId() != null
                ? GlobalId.of("User", group.userId())
                : group.pipelineId() != null ? GlobalId.of("Pipeline", group.pipelineId()) : group.key();
    }

    @SchemaMapping(typeName = "ForecastGroup", field = "parentKey")
    String groupParent(Group group) {
        return group.parentKey() == null ? null : GlobalId.of("User", UUID.fromString(group.parentKey()));
    }

    @BatchMapping(typeName = "ForecastGroup", field = "user")
    Map<Group, UserRow> groupUser(List<Group> groups) {
        return Batches.byKey(groups, Group::userId, userRows::find, UserRow::id);
    }

    @BatchMapping(typeName = "Quota", field = "user")
    Map<Quotas.Quota, UserRow> quotaUser(List<Quotas.Quota> list) {
        return Batches.byKey(list, Quotas.Quota::userId, userRows::find, UserRow::id);
    }

    @BatchMapping(typeName = "Quota", field = "setBy")
    Map<Quotas.Quota, UserRow> quotaSetBy(List<Quotas.Quota> list) {
        return Batches.byKey(list, Quotas.Quota::setBy, userRows::find, UserRow::id);
    }

    @BatchMapping(typeName = "ForecastAdjustment", field = "user")
    Map<Quotas.Adjustment, UserRow> adjustmentUser(List<Quotas.Adjustment> list) {
        return Batches.byKey(list, Quotas.Adjustment::userId, userRows::find, UserRow::id);
    }

    @BatchMapping(typeName = "ForecastAdjustment", field = "adjustedBy")
    Map<Quotas.Adjustment, UserRow> adjustmentBy(List<Quotas.Adjustment> list) {
        return Batches.byKey(list, Quotas.Adjustment::adjustedBy, userRows::find, UserRow::id);
    }

    @BatchMapping(typeName = "ForecastContributor", field = "opportunity")
    Map<Forecasts.ContributorRow, OpportunityRow> contributorOpportunity(List<Forecasts.ContributorRow> list) {
        return Batches.byKey(list, Forecasts.ContributorRow::opportunityId, opportunities::find, OpportunityRow::id);
    }
}

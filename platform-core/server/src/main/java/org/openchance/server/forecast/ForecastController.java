package org.openchance.server.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.forecast.Period;
import org.openchance.api.model.Money;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.forecast.ForecastGroups.Group;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.UserError;
import org.openchance.server.opportunity.VisibleOpportunities;
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

    private final ForecastModels models;
    private final Forecasts forecasts;
    private final Backtests backtests;
    private final QuotaService quotaService;
    private final Quotas quotas;
    private final PluginRegistry registry;
    private final RowsById<UserRow> userRows;
    private final VisibleOpportunities opportunities;

    ForecastController(
            ForecastModels models,
            Forecasts forecasts,
            Backtests backtests,
            QuotaService quotaService,
            Quotas quotas,
            PluginRegistry registry,
            RowsById<UserRow> userRows,
            VisibleOpportunities opportunities) {
        this.models = models;
        this.forecasts = forecasts;
        this.backtests = backtests;
        this.quotaService = quotaService;
        this.quotas = quotas;
        this.registry = registry;
        this.userRows = userRows;
        this.opportunities = opportunities;
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

    @QueryMapping
    List<Quotas.Quota> quotas(@Argument List<String> userIds, @Argument LocalDate from, @Argument LocalDate to) {
        List<UUID> ids = userIds == null
                ? null
                : userIds.stream()
                        .map(id -> GlobalId.decode(id, "User").orElse(null))
                        .filter(java.util.Objects::nonNull)
                        .toList();
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

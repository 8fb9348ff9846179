package org.openchance.server.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openchance.api.forecast.Contributor;
import org.openchance.api.forecast.ForecastInput;
import org.openchance.api.forecast.ForecastModel;
import org.openchance.api.forecast.Period;
import org.openchance.api.forecast.PeriodForecast;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.pluginhost.Extension;
import org.openchance.server.forecast.ForecastGroups.Group;
import org.openchance.server.forecast.ForecastGroups.Grouping;
import org.openchance.server.forecast.PipelineRebuild.Deal;
import org.openchance.server.forecast.PipelineRebuild.Pipeline;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.money.DatedRates;
import org.openchance.server.money.ExchangeRateService;
import org.openchance.server.money.ReportingCurrency;
import org.openchance.server.pipeline.Pipelines;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.access.Viewer;
import org.openchance.store.forecast.Quotas;
import org.openchance.store.opportunity.OpportunityStatus;
import org.openchance.store.pipeline.StageRow;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.stereotype.Service;

/**
 * The {@code forecast} query: the forecast categories of the caller's visible deals per period and group, beside what
 * a model expects, the quota and the newest adjustment. The model sees the group's open deals and all visible closed
 * ones (its history to learn from); periods that are over are what was won in them.
 */
@Service
public class Forecasts {

    static final int MAX_PERIODS = 36;

    public record Request(
            String model,
            ForecastPeriods.Type periodType,
            LocalDate from,
            LocalDate to,
            Grouping groupBy,
            String currency) {}

    public record ContributorRow(UUID opportunityId, Money amount, double share) {}

    public record Row(
            Period period,
            Group group,
            Money closedWon,
            Money commit,
            Money bestCase,
            Money pipeline,
            Money weighted,
            Money expected,
            Money p10,
            Money p50,
            Money p90,
            Double quotaProbability,
            Money quota,
            Double attainment,
            Quotas.Adjustment adjustment,
            List<ContributorRow> contributors,
            String explanation,
            String unavailable,
            int openDeals,
            int notConverted) {}

    private final ForecastModels models;
    private final KeptDeals kept;
    private final Quotas quotas;
    private final UserRepository users;
    private final Pipelines pipelines;
    private final ExchangeRateService rates;
    private final ReportingCurrency reporting;
    private final CurrentUser currentUser;

    Forecasts(
            ForecastModels models,
            KeptDeals kept,
            Quotas quotas,
            UserRepository users,
            Pipelines pipelines,
            ExchangeRateService rates,
            ReportingCurrency reporting,
            CurrentUser currentUser) {
        this.models = models;
        this.kept = kept;
        this.quotas = quotas;
        this.users = users;
        this.pipelines = pipelines;
        this.rates = rates;
        this.reporting = reporting;
        this.currentUser = currentUser;
    }

    public List<Row> forecast(Request r) {
        return forecast(r, currentUser.viewer());
    }

    /** The forecast of the deals the viewer may see: {@link Viewer#SYSTEM} for the recorded snapshots. */
    public List<Row> forecast(Request r, Viewer viewer) {
        String currency = currency(r.currency(), "input.currency");
        ForecastPeriods.Type type = r.periodType() == null ? ForecastPeriods.Type.QUARTER : r.periodType();
        List<Period> periods = periods(type, r.from(), r.to(), "input");
        Extension<ForecastModel> model = models.require(r.model(), "input.model");
        Instant now = Instant.now();
        DatedRates dated = rates.datedRates();
        Today today = today(viewer, currency, dated, now);
        Map<UUID, UserRow> people = new HashMap<>();
        users.findAll().forEach(u -> people.put(u.id(), u));
        // a restricted viewer's rows, quotas and adjustments are those of the people in their sight
        Set<UUID> sight = viewer.restrictsOpportunities() ? new HashSet<>(viewer.sight()) : null;
        LocalDate first = periods.get(0).from();
        LocalDate last = periods.get(periods.size() - 1).to();
        List<Quotas.Quota> quotaRows = quotas.between(sight, first, last);
        Set<UUID> candidates = new HashSet<>();
        today.pipeline().open().forEach(d -> candidates.add(d.state().ownerId()));
        today.pipeline().closed().forEach(d -> candidates.add(d.state().ownerId()));
        quotaRows.forEach(q -> candidates.add(q.userId()));
        candidates.remove(null);
        Grouping grouping = r.groupBy() == null ? Grouping.NONE : r.groupBy();
        List<Group> groups = ForecastGroups.of(grouping, candidates, people, pipelines.all(), sight);
        QuotaTable quotaTable = new QuotaTable(quotaRows, people, dated, currency);
        Map<String, Quotas.Adjustment> adjustments = quotas.latestAdjustments(first, last).stream()
                .filter(a -> sight == null || sight.contains(a.userId()))
                .collect(Collectors.toMap(a -> a.userId() + "/" + a.periodStart() + "/" + a.periodEnd(), a -> a));
        List<Row> rows = new ArrayList<>();
        for (Group group : groups) {
            rows.addAll(rows(
                    model,
                    group,
                    periods,
                    type,
                    today.pipeline(),
                    today.history(),
                    today.allOpen(),
                    currency,
                    quotaTable,
                    adjustments,
                    sight));
        }
        return rows;
    }

    /** Today's pipeline in a currency, and the history models learn from. */
    private record Today(Pipeline pipeline, List<OpportunitySnapshot> history, List<OpportunitySnapshot> allOpen) {}

    /** Today's whole pipeline as last built: from the same kept deals, in the same currency, day and rates. */
    private record Built(
            List<org.openchance.store.forecast.DealTimeline> deals,
            String currency,
            LocalDate day,
            DatedRates rates,
            Today today) {}

    private static final int MAX_CURRENCIES_KEPT = 3;

    /** Per currency: the snapshot job's reporting currency and a user's own do not push each other out. */
    private final Map<String, Built> built = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Today's pipeline the viewer may see: built from the kept deals once for everyone (100,000 snapshots) and reused
     * until the deals, the currency, the day or the rates change; a restricted viewer's part of it by the visibility
     * rule's ids.
     */
    private Today today(Viewer viewer, String currency, DatedRates dated, Instant now) {
        List<org.openchance.store.forecast.DealTimeline> all = kept.all();
        LocalDate day = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        Built b = built.get(currency);
        if (b == null || b.deals() != all || !b.day().equals(day) || !b.rates().equals(dated)) {
            Pipeline pipeline = new PipelineRebuild(all, dated, currency, stageNames()).now(now);
            b = new Built(all, currency, day, dated, new Today(pipeline, pipeline.history(), pipeline.openSnapshots()));
            if (built.size() >= MAX_CURRENCIES_KEPT && !built.containsKey(currency)) {
                built.clear(); // each holds a snapshot of every deal: a caller asking in every currency keeps three
            }
            built.put(currency, b);
        }
        java.util.Set<UUID> visible = kept.visibleIds(viewer);
        if (visible == null) {
            return b.today();
        }
        Pipeline mine = b.today().pipeline().only(visible);
        return new Today(mine, mine.history(), mine.openSnapshots());
    }

    private List<Row> rows(
            Extension<ForecastModel> model,
            Group group,
            List<Period> periods,
            ForecastPeriods.Type type,
            Pipeline today,
            List<OpportunitySnapshot> history,
            List<OpportunitySnapshot> allOpen,
            String currency,
            QuotaTable quotaTable,
            Map<String, Quotas.Adjustment> adjustments,
            Set<UUID> sight) {
        List<Deal> open = today.open().stream().filter(group::holds).toList();
        List<Deal> won = today.closed().stream()
                .filter(d ->
                        d.state().status() == OpportunityStatus.WON && d.state().closedAt() != null)
                .filter(group::holds)
                .toList();
        Map<Period, BigDecimal> wonIn = new HashMap<>();
        Map<Period, BigDecimal> quotaOf = new HashMap<>();
        Map<Period, Money> stillToWin = new HashMap<>();
        for (Period p : periods) {
            wonIn.put(
                    p,
                    sum(won.stream()
                            .filter(d -> p.contains(d.state().closedAt()))
                            .map(Deal::amount)
                            .toList()));
            BigDecimal q = group.kind() == Grouping.PIPELINE
                    ? null
                    : quotaTable.ofGroup(group.owners() == null ? sight : group.owners(), p);
            if (q != null) {
                quotaOf.put(p, q);
                // the model is asked about the open deals: the odds of winning what the quota still lacks
                stillToWin.put(p, new Money(q.subtract(wonIn.get(p)).max(BigDecimal.ZERO), currency));
            }
        }
        List<Period> ahead =
                periods.stream().filter(p -> !p.to().isBefore(today.asOf())).toList();
        Map<Period, PeriodForecast> predicted = new HashMap<>();
        if (!ahead.isEmpty()) {
            ForecastInput input = new ForecastInput(
                    today.asOf(),
                    currency,
                    ahead,
                    open.stream().map(Deal::snapshot).toList(),
                    history,
                    allOpen,
                    stillToWin,
                    group.key().hashCode());
            for (PeriodForecast f : models.forecast(model, input)) {
                predicted.put(f.period(), f);
            }
        }
        Period current = ForecastPeriods.containing(type, today.asOf());
        int notConverted =
                (int) today.notConverted().stream().filter(group::holds).count();
        List<Row> rows = new ArrayList<>();
        for (Period p : periods) {
            BigDecimal wonHere = wonIn.get(p);
            List<Deal> closing = open.stream()
                    .filter(d -> inPeriod(d, p, current, today.asOf()))
                    .toList();
            BigDecimal weighted = sum(closing.stream()
                    .map(d -> d.amount() == null
                            ? null
                            : d.amount()
                                    .multiply(BigDecimal.valueOf(d.state().probability()))
                                    .movePointLeft(2))
                    .toList());
            PeriodForecast f = predicted.get(p);
            BigDecimal quota = quotaOf.get(p);
            Quotas.Adjustment adjustment = group.kind() == Grouping.OWNER
                    ? adjustments.get(group.userId() + "/" + p.from() + "/" + p.to())
                    : null;
            rows.add(new Row(
                    p,
                    group,
                    money(wonHere, currency),
                    money(category(closing, "COMMIT"), currency),
                    money(category(closing, "BEST_CASE"), currency),
                    money(category(closing, "PIPELINE"), currency),
                    money(weighted, currency),
                    f == null ? money(wonHere, currency) : plus(wonHere, f.expected(), currency),
                    f == null ? null : plus(wonHere, f.p10(), currency),
                    f == null ? null : plus(wonHere, f.p50(), currency),
                    f == null ? null : plus(wonHere, f.p90(), currency),
                    f == null ? null : f.quotaProbability(),
                    quota == null ? null : money(quota, currency),
                    quota == null || quota.signum() == 0
                            ? null
                            : wonHere.divide(quota, 4, RoundingMode.HALF_EVEN).doubleValue(),
                    adjustment,
                    f == null ? List.of() : contributors(f, currency),
                    f == null ? "The period is over: what was won in it." : f.explanation(),
                    f == null ? null : f.unavailable(),
                    open.size(),
                    notConverted));
        }
        return rows;
    }

    /** Expected to close in the period; an overdue deal or one without a date counts in the current period. */
    private static boolean inPeriod(Deal d, Period p, Period current, LocalDate today) {
        LocalDate close = d.state().expectedCloseDate();
        if (close == null || close.isBefore(today)) {
            return p.equals(current);
        }
        return p.contains(close);
    }

    private static BigDecimal category(List<Deal> deals, String category) {
        return sum(deals.stream()
                .filter(d -> category.equals(d.state().forecastCategory()))
                .map(Deal::amount)
                .toList());
    }

    private static List<ContributorRow> contributors(PeriodForecast f, String currency) {
        if (f.expected() == null) {
            return List.of();
        }
        BigDecimal total = f.expected().amount();
        return f.contributors().stream()
                .sorted((a, b) -> b.amount().compareTo(a.amount()))
                .limit(10)
                .map((Contributor c) -> new ContributorRow(
                        c.opportunityId(),
                        money(c.amount(), currency),
                        total.signum() == 0
                                ? 0
                                : c.amount()
                                        .divide(total, 4, RoundingMode.HALF_EVEN)
                                        .doubleValue()))
                .toList();
    }

    static BigDecimal sum(List<BigDecimal> amounts) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal a : amounts) {
            if (a != null) {
                sum = sum.add(a);
            }
        }
        return sum;
    }

    private static Money plus(BigDecimal won, Money model, String currency) {
        return model == null ? null : money(won.add(model.amount()), currency);
    }

    static Money money(BigDecimal amount, String currency) {
        return new Money(ReportingCurrency.round(amount, currency), currency);
    }

    Map<UUID, String> stageNames() {
        return pipelines.stages().stream().collect(Collectors.toMap(StageRow::id, StageRow::name, (a, b) -> a));
    }

    String currency(String requested, String argument) {
        if (requested == null) {
            return reporting.code();
        }
        if (!ReportingCurrency.isCode(requested)) {
            throw new QueryInputException(argument, "must be an ISO 4217 code such as USD");
        }
        return requested;
    }

    static List<Period> periods(ForecastPeriods.Type type, LocalDate from, LocalDate to, String argument) {
        if (from == null || to == null) {
            throw new QueryInputException(argument + ".from", "from and to are required");
        }
        if (from.isAfter(to)) {
            throw new QueryInputException(argument + ".from", "must not be after `to`");
        }
        if (ForecastPeriods.count(type, from, to) > MAX_PERIODS) {
            throw new QueryInputException(argument + ".to", "at most " + MAX_PERIODS + " periods at a time");
        }
        return ForecastPeriods.between(type, from, to);
    }
}

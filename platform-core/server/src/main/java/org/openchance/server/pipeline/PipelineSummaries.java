package org.openchance.server.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.openchance.api.model.Money;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.money.ReportingCurrency;
import org.openchance.store.access.Viewer;
import org.openchance.store.pipeline.PipelineSummaryQuery;
import org.openchance.store.pipeline.StageRow;
import org.springframework.stereotype.Component;

/**
 * {@code pipelineSummary}: the store's sums per stage and currency, converted there into one currency (exact to 12
 * decimals), added up per stage and rounded once per sum at the end; amounts without a valid rate are reported per
 * currency instead of summed.
 */
@Component
class PipelineSummaries {

    record StageSummary(
            StageRow stage,
            long count,
            Money amount,
            Money weightedAmount,
            long otherCurrencyCount,
            List<CurrencyAmount> byCurrency) {}

    record CurrencyAmount(
            long count,
            Money original,
            Money converted,
            Money notConverted,
            long notConvertedCount,
            LocalDate earliestRate,
            LocalDate latestRate) {}

    /** One currency's part of a stage while adding up. */
    private static final class Part {
        long count;
        BigDecimal original = BigDecimal.ZERO;
        BigDecimal converted = BigDecimal.ZERO;
        boolean anyConverted;
        BigDecimal notConverted = BigDecimal.ZERO;
        long notConvertedCount;
        LocalDate earliest;
        LocalDate latest;

        void rateFrom(LocalDate day) {
            if (day != null) {
                earliest = earliest == null || day.isBefore(earliest) ? day : earliest;
                latest = latest == null || day.isAfter(latest) ? day : latest;
            }
        }
    }

    /** One stage while adding up. */
    private static final class Totals {
        long count;
        long unconverted;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        final Map<String, Part> parts = new TreeMap<>();
    }

    private final PipelineSummaryQuery query;
    private final Pipelines pipelines;
    private final ReportingCurrency reporting;

    PipelineSummaries(PipelineSummaryQuery query, Pipelines pipelines, ReportingCurrency reporting) {
        this.query = query;
        this.pipelines = pipelines;
        this.reporting = reporting;
    }

    /** @param asOf null: today's pipeline; else the pipeline at the end of that day (UTC), at that day's rates */
    List<StageSummary> summarize(
            Viewer viewer,
            UUID pipeline,
            LocalDate from,
            LocalDate to,
            List<UUID> owners,
            String currency,
            LocalDate asOf) {
        String base = reporting.code();
        String target = currency == null ? base : currency;
        Map<UUID, Totals> byStage = new LinkedHashMap<>();
        for (PipelineSummaryQuery.Group g : query.summarize(
                viewer,
                pipeline,
                from,
                to,
                owners,
                base,
                target,
                asOf == null ? LocalDate.now() : asOf,
                asOf == null
                        ? null
                        : asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            Totals totals = byStage.computeIfAbsent(g.stageId(), id -> new Totals());
            totals.count += g.count();
            if (g.currency() == null) {
                continue; // no amount (or an empty stage): counted only
            }
            Part part = totals.parts.computeIfAbsent(g.currency(), c -> new Part());
            part.count += g.count();
            part.original = part.original.add(g.amount());
            if (g.converted() != null) {
                part.converted = part.converted.add(g.converted());
                part.anyConverted = true;
                totals.amount = totals.amount.add(g.converted());
                totals.weighted = totals.weighted.add(g.weightedAmount());
            }
            if (g.notConvertedCount() > 0) {
                part.notConverted = part.notConverted.add(g.notConverted());
                part.notConvertedCount += g.notConvertedCount();
                totals.unconverted += g.notConvertedCount();
            }
            part.rateFrom(g.earliestRate());
            part.rateFrom(g.latestRate());
        }
        Map<UUID, StageRow> stages = new LinkedHashMap<>();
        pipelines.stagesOf(pipeline).forEach(s -> stages.put(s.id(), s));
        List<StageSummary> summary = new ArrayList<>();
        byStage.forEach((stageId, t) -> {
            StageRow stage = stages.get(stageId);
            if (stage == null) {
                return; // added after the pipeline cache was loaded: shown once it is refreshed
            }
            List<CurrencyAmount> parts = new ArrayList<>();
            t.parts.forEach((code, p) -> parts.add(new CurrencyAmount(
                    p.count,
                    MoneyInput.output(p.original, code),
                    p.anyConverted ? money(p.converted, target) : null,
                    p.notConvertedCount == 0 ? null : MoneyInput.output(p.notConverted, code),
                    p.notConvertedCount,
                    p.earliest,
                    p.latest)));
            summary.add(new StageSummary(
                    stage, t.count, money(t.amount, target), money(t.weighted, target), t.unconverted, parts));
        });
        return summary;
    }

    private static Money money(BigDecimal amount, String currency) {
        return MoneyInput.output(ReportingCurrency.round(amount, currency), currency);
    }
}

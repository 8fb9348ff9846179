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
 * {@code pipelineSummary}: the store's groups (stage, currency, rate day) converted into one currency and added up per
 * stage. Exact on the way ({@link ReportingCurrency#convert}), rounded once per sum at the end; a group without a
 * valid rate is reported per currency instead of summed.
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
            BigDecimal rate = g.currency().equals(base) ? null : g.rate();
            BigDecimal targetRate = target.equals(base) ? null : g.targetRate();
            boolean same = g.currency().equals(target);
            if (!same
                    && ((rate == null && !g.currency().equals(base)) || (targetRate == null && !target.equals(base)))) {
                part.notConverted = part.notConverted.add(g.amount());
                part.notConvertedCount += g.count();
                totals.unconverted += g.count();
                continue;
            }
            BigDecimal amount = same ? g.amount() : ReportingCurrency.convert(g.amount(), rate, targetRate);
            BigDecimal weighted =
                    same ? g.weightedAmount() : ReportingCurrency.convert(g.weightedAmount(), rate, targetRate);
            part.converted = part.converted.add(amount);
            part.anyConverted = true;
            totals.amount = totals.amount.add(amount);
            totals.weighted = totals.weighted.add(weighted);
            if (!same) {
                part.rateFrom(rate == null ? null : g.rateFrom());
                part.rateFrom(targetRate == null ? null : g.targetRateFrom());
            }
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

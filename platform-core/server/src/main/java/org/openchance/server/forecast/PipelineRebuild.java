package org.openchance.server.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.StageChange;
import org.openchance.server.money.DatedRates;
import org.openchance.store.forecast.DealTimeline;
import org.openchance.store.opportunity.OpportunityStatus;

/**
 * The pipeline as it stood at a moment, in one currency: what a forecast model is handed. Built from the deals'
 * timelines in memory, so a back-test rebuilds many moments from one read. Open deals are converted with the rates of
 * the moment's day, closed ones with those of their close date; a deal whose amount has no rate then is left out and
 * counted.
 */
final class PipelineRebuild {

    /** A deal at the moment, its amount in the forecast's currency (null: it has none). */
    record Deal(DealTimeline timeline, DealTimeline.State state, BigDecimal amount, OpportunitySnapshot snapshot) {}

    /** @param notConverted the deals left out, their amount having no rate on their day (no snapshot) */
    record Pipeline(LocalDate asOf, List<Deal> open, List<Deal> closed, List<Deal> notConverted) {

        /** The part of the pipeline of these deals. */
        Pipeline only(java.util.Set<java.util.UUID> ids) {
            return new Pipeline(
                    asOf,
                    open.stream().filter(d -> ids.contains(d.timeline().id())).toList(),
                    closed.stream().filter(d -> ids.contains(d.timeline().id())).toList(),
                    notConverted.stream()
                            .filter(d -> ids.contains(d.timeline().id()))
                            .toList());
        }

        /** The closed deals' snapshots: the history models learn from (one immutable list, kept with the pipeline). */
        List<OpportunitySnapshot> history() {
            return List.copyOf(closed.stream().map(Deal::snapshot).toList());
        }

        /** The open deals' snapshots, every group's: what models learn from besides the closed ones. */
        List<OpportunitySnapshot> openSnapshots() {
            return List.copyOf(open.stream().map(Deal::snapshot).toList());
        }
    }

    private final List<DealTimeline> deals;
    private final DatedRates rates;
    private final String currency;
    private final Map<java.util.UUID, String> stageNames;

    PipelineRebuild(
            List<DealTimeline> deals, DatedRates rates, String currency, Map<java.util.UUID, String> stageNames) {
        this.deals = deals;
        this.rates = rates;
        this.currency = currency;
        this.stageNames = stageNames;
    }

    /** The pipeline at the start of the day (UTC), each deal with the values and stage history it had then. */
    Pipeline at(LocalDate day) {
        Instant moment = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Deal> open = new ArrayList<>();
        List<Deal> closed = new ArrayList<>();
        List<Deal> notConverted = new ArrayList<>();
        for (DealTimeline t : deals) {
            if (t.existedAt(moment)) {
                add(t, t.at(moment), moment, day, open, closed, notConverted);
            }
        }
        return new Pipeline(day, open, closed, notConverted);
    }

    /** Today's pipeline: today's values of the deals not deleted. */
    Pipeline now(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Deal> open = new ArrayList<>();
        List<Deal> closed = new ArrayList<>();
        List<Deal> notConverted = new ArrayList<>();
        for (DealTimeline t : deals) {
            if (t.existedAt(now)) {
                add(t, t.today(), now, today, open, closed, notConverted);
            }
        }
        return new Pipeline(today, open, closed, notConverted);
    }

    /** Adds the deal to its list, or to those not converted (no rate on its day: an open deal's is the moment's). */
    private void add(
            DealTimeline t,
            DealTimeline.State s,
            Instant moment,
            LocalDate day,
            List<Deal> open,
            List<Deal> closed,
            List<Deal> notConverted) {
        boolean isOpen = s.status() == OpportunityStatus.OPEN;
        BigDecimal amount = null;
        if (s.amount() != null) {
            LocalDate rateDay = isOpen || s.closedAt() == null ? day : s.closedAt();
            amount = s.currency() == null ? null : rates.convert(s.amount(), s.currency(), currency, rateDay);
            if (amount == null) {
                notConverted.add(new Deal(t, s, null, null));
                return;
            }
        }
        Deal deal = new Deal(t, s, amount, snapshot(t, s, amount, moment));
        (isOpen ? open : closed).add(deal);
    }

    private OpportunitySnapshot snapshot(DealTimeline t, DealTimeline.State s, BigDecimal amount, Instant moment) {
        return OpportunitySnapshot.builder()
                .id(t.id())
                .name(t.name())
                .accountId(t.accountId())
                .amount(amount == null ? null : new Money(amount, currency))
                .probability(s.probability())
                .expectedCloseDate(s.expectedCloseDate())
                .pipelineId(t.pipelineId())
                .stageId(s.stageId())
                .stage(stageNames.get(s.stageId()))
                .forecastCategory(s.forecastCategory())
                .status(s.status().name())
                .ownerId(s.ownerId())
                .createdAt(t.createdAt())
                .closedAt(s.closedAt())
                .stageHistory(t.stagesBefore(moment).stream()
                        .map(e -> StageChange.of(e.stageId(), e.enteredAt()))
                        .toList())
                .build();
    }
}

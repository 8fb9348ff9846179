package org.openchance.plugins.competitors;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.host.ClosedDealQuery;
import org.openchance.api.model.ClosedOpportunity;

/** The analysis fields: {@code winLossAnalysis}, {@code Competitor.headToHead} and {@code Competitor.battlecard}. */
final class AnalysisResolvers {

    /** How far back a battlecard looks. */
    static final int BATTLECARD_YEARS = 5;

    private static final int RECENT = 5;

    private final Analysis analysis;
    private final IntSupplier minDeals;

    AnalysisResolvers(Analysis analysis, IntSupplier minDeals) {
        this.analysis = analysis;
        this.minDeals = minDeals;
    }

    Object winLossAnalysis(FieldContext ctx) throws SQLException {
        Map<String, Object> args = ctx.arguments();
        WinLoss.Dimension dimension =
                WinLoss.Dimension.valueOf(args.get("groupBy").toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> filter = args.get("filter") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
        ClosedDealQuery query = ClosedDealQuery.closedBetween((LocalDate) args.get("from"), (LocalDate) args.get("to"))
                .pipelines(ids(ctx, filter.get("pipelineIds"), "Pipeline"))
                .owners(ids(ctx, filter.get("ownerIds"), "User"))
                .asOf((LocalDate) args.get("asOf"));
        Set<UUID> competitors = ids(ctx, filter.get("competitorIds"), CompetitorSchema.TYPE);
        if (competitors != null) {
            query = query.opportunities(analysis.dealsOf(competitors, query));
        }
        return analysis.winLoss(query, dimension, minDeals.getAsInt());
    }

    Object headToHead(FieldContext ctx) throws SQLException {
        UUID competitor = CompetitorSchema.idOf(ctx.source());
        LocalDate from = (LocalDate) ctx.arguments().get("from");
        LocalDate to = (LocalDate) ctx.arguments().get("to");
        ClosedDealQuery query = ClosedDealQuery.closedBetween(from, to)
                .asOf((LocalDate) ctx.arguments().get("asOf"));
        ClosedDeals closed = analysis.of(competitor, query);
        return HeadToHead.of(closed, competitor, pricePositions(closed));
    }

    Object battlecard(FieldContext ctx) throws SQLException {
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) ctx.source();
        UUID competitor = CompetitorSchema.idOf(source);
        LocalDate asOf = (LocalDate) ctx.arguments().get("asOf");
        LocalDate today = asOf == null ? LocalDate.now() : asOf;
        ClosedDeals closed = analysis.of(
                competitor,
                ClosedDealQuery.closedBetween(today.minusYears(BATTLECARD_YEARS), today)
                        .asOf(asOf));
        List<ClosedOpportunity> met = new ArrayList<>(closed.deals());
        met.sort(Comparator.comparing(ClosedOpportunity::closedAt).reversed());
        Map<String, Integer> reasons = new HashMap<>();
        for (ClosedOpportunity deal : met) {
            if (!deal.won()) {
                deal.reasons().forEach(reason -> reasons.merge(reason, 1, Integer::sum));
            }
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("strengths", source.get("strengths"));
        card.put("weaknesses", source.get("weaknesses"));
        card.put("pricePosition", source.get("pricePosition"));
        card.put(
                "recentWins",
                recent(ctx, met.stream().filter(ClosedOpportunity::won).toList(), closed.currency()));
        card.put(
                "recentLosses",
                recent(
                        ctx,
                        met.stream()
                                .filter(d -> competitor.equals(closed.lostTo().get(d.id())))
                                .toList(),
                        closed.currency()));
        card.put("lossReasons", HeadToHead.counted(reasons, "reason"));
        return card;
    }

    private static List<Map<String, Object>> recent(FieldContext ctx, List<ClosedOpportunity> deals, String currency) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ClosedOpportunity deal : deals.subList(0, Math.min(RECENT, deals.size()))) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("opportunityId", ctx.apiId("Opportunity", deal.id()));
            view.put("name", deal.name());
            view.put("closedAt", deal.closedAt());
            view.put("amount", deal.amount() == null ? null : WinLoss.money(deal.amount(), currency));
            out.add(view);
        }
        return out;
    }

    /** How often their price position was recorded in the closed deals they were in. */
    private static Map<String, Integer> pricePositions(ClosedDeals closed) {
        Set<UUID> deals = new HashSet<>();
        for (ClosedOpportunity deal : closed.deals()) {
            deals.add(deal.id());
        }
        Map<String, Integer> positions = new HashMap<>();
        for (CompetitorLink link : closed.links()) {
            if (link.pricePosition() != null && deals.contains(link.opportunityId())) {
                positions.merge(link.pricePosition(), 1, Integer::sum);
            }
        }
        return positions;
    }

    /** The record ids of a list of API ids of one type; null when no list was given (no restriction). */
    private static Set<UUID> ids(FieldContext ctx, Object given, String type) {
        if (!(given instanceof List<?> list)) {
            return null;
        }
        Set<UUID> ids = new HashSet<>();
        for (Object id : list) {
            ctx.recordId(String.valueOf(id), type).ifPresent(ids::add);
        }
        return ids;
    }
}

package org.openchance.plugins.competitors;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.OpportunityUpdates;
import org.openchance.api.host.RecordAccess;

/**
 * The competitors of each deal: {@code Opportunity.competitors} and adding, changing and removing them (edit access to
 * the deal needed); the deal's {@code competitorCount} follows.
 */
final class DealCompetitorResolvers {

    private static final Set<String> LINK_STATUSES = Set.of("IN_PLAY", "ELIMINATED", "WON", "LOST");
    private static final Set<String> THREAT_LEVELS = Set.of("LOW", "MEDIUM", "HIGH");

    private final CompetitorStore store;
    private final OpportunityReader reader;
    private final OpportunityUpdates updates;
    private final CompetitorSchema records;

    DealCompetitorResolvers(
            CompetitorStore store, OpportunityReader reader, OpportunityUpdates updates, CompetitorSchema records) {
        this.store = store;
        this.reader = reader;
        this.updates = updates;
        this.records = records;
    }

    /** {@code Opportunity.competitors} of a page of deals at once: two statements, whatever the page's size. */
    List<?> competitorsOfDeals(List<FieldContext> contexts) throws SQLException {
        Map<UUID, List<CompetitorLink>> links = store.linksOfAll(contexts.stream()
                .flatMap(c -> c.sourceRecordId().stream())
                .distinct()
                .toList());
        Map<UUID, Competitor> competitors = store.find(links.values().stream()
                .flatMap(List::stream)
                .map(CompetitorLink::competitorId)
                .distinct()
                .toList());
        return contexts.stream()
                .map(ctx -> ctx.sourceRecordId()
                        .map(deal -> links.getOrDefault(deal, List.of()).stream()
                                .map(l -> linkView(ctx, l, competitors.get(l.competitorId())))
                                .toList())
                        .orElse(List.of()))
                .toList();
    }

    Object changeLink(FieldContext ctx, String how) throws SQLException {
        String field = "opportunityCompetitor";
        Input in = new Input(ctx.arguments());
        Optional<UUID> deal = ctx.recordId((String) in.raw("opportunityId"), "Opportunity");
        RecordAccess access = deal.map(reader::access).orElse(RecordAccess.NONE);
        if (access == RecordAccess.NONE) {
            return CompetitorSchema.notFound(field, "input.opportunityId", "no such opportunity");
        }
        if (access != RecordAccess.EDIT) {
            return Input.payload(
                    field,
                    null,
                    List.of(Input.error(
                            "FORBIDDEN", "you may read this opportunity, not change it", "input.opportunityId")));
        }
        Optional<UUID> competitor = ctx.recordId((String) in.raw("competitorId"), CompetitorSchema.TYPE);
        if (competitor.isEmpty()) {
            return CompetitorSchema.notFound(field, "input.competitorId", "no such competitor");
        }
        try {
            switch (how) {
                case "add" -> {
                    CompetitorLink link = linkFrom(in, deal.get(), competitor.get(), null);
                    if (!in.ok()) {
                        return in.failed(field);
                    }
                    CompetitorLink saved =
                            store.addLink(link, ctx.currentUserId().orElse(null));
                    syncCount(deal.get());
                    return answer(ctx, field, saved);
                }
                case "update" -> {
                    Optional<CompetitorLink> current = linkOf(deal.get(), competitor.get());
                    if (current.isEmpty()) {
                        return notInDeal(field);
                    }
                    CompetitorLink link = linkFrom(in, deal.get(), competitor.get(), current.get());
                    if (!in.ok()) {
                        return in.failed(field);
                    }
                    CompetitorLink saved = store.updateLink(link, in.integer("expectedVersion"));
                    syncCount(deal.get());
                    return answer(ctx, field, saved);
                }
                default -> {
                    Optional<CompetitorLink> current = linkOf(deal.get(), competitor.get());
                    if (current.isEmpty()) {
                        return notInDeal(field);
                    }
                    store.removeLink(deal.get(), competitor.get());
                    syncCount(deal.get());
                    return answer(ctx, field, current.get()); // the link as it was
                }
            }
        } catch (CompetitorStore.Refused refused) {
            return Input.refused(field, refused);
        }
    }

    private Optional<CompetitorLink> linkOf(UUID deal, UUID competitor) throws SQLException {
        return store.linksOf(deal).stream()
                .filter(l -> l.competitorId().equals(competitor))
                .findFirst();
    }

    private static Map<String, Object> notInDeal(String field) {
        return CompetitorSchema.notFound(field, "input.competitorId", "the competitor is not in this deal");
    }

    /** The payload of a change: the link with its competitor. */
    private Map<String, Object> answer(FieldContext ctx, String field, CompetitorLink link) {
        return Input.payload(
                field, linkView(ctx, link, records.find(link.competitorId()).orElse(null)), List.of());
    }

    /**
     * The deal's {@code competitorCount} (a scoring input) follows the competitors linked and not eliminated, so
     * nobody types it twice.
     */
    private void syncCount(UUID deal) throws SQLException {
        long running = store.linksOf(deal).stream()
                .filter(l -> !"ELIMINATED".equals(l.status()))
                .count();
        updates.setCompetitorCount(deal, (int) Math.min(running, 100));
    }

    private static CompetitorLink linkFrom(Input in, UUID deal, UUID competitor, CompetitorLink current) {
        boolean adding = current == null;
        String status = adding || in.has("status")
                ? (in.raw("status") == null
                        ? (adding ? "IN_PLAY" : null)
                        : in.raw("status").toString())
                : current.status();
        if (status == null || !LINK_STATUSES.contains(status)) {
            in.fail("VALIDATION", "status", "must be IN_PLAY, ELIMINATED, WON or LOST");
        }
        String threat = adding || in.has("threatLevel") ? (String) in.raw("threatLevel") : current.threatLevel();
        if (threat != null && !THREAT_LEVELS.contains(threat)) {
            in.fail("VALIDATION", "threatLevel", "must be LOW, MEDIUM or HIGH");
        }
        String position =
                adding || in.has("pricePosition") ? (String) in.raw("pricePosition") : current.pricePosition();
        if (position != null && !Input.PRICE_POSITIONS.contains(position)) {
            in.fail("VALIDATION", "pricePosition", "must be LOWER, SIMILAR or HIGHER");
        }
        BigDecimal amount = adding ? null : current.priceAmount();
        String currency = adding ? null : current.priceCurrency();
        if (in.has("price")) {
            Object[] price = in.money("price");
            amount = price == null ? null : (BigDecimal) price[0];
            currency = price == null ? null : (String) price[1];
        }
        return new CompetitorLink(
                deal,
                competitor,
                status,
                threat,
                adding || in.has("incumbent") ? in.flag("incumbent", false) : current.incumbent(),
                amount,
                currency,
                position,
                adding || in.has("strengths")
                        ? in.text("strengths", false, CompetitorSchema.LONG_TEXT)
                        : current.strengths(),
                adding || in.has("weaknesses")
                        ? in.text("weaknesses", false, CompetitorSchema.LONG_TEXT)
                        : current.weaknesses(),
                adding || in.has("note") ? in.text("note", false, CompetitorSchema.LONG_TEXT) : current.note(),
                adding ? 1 : current.version());
    }

    private static Map<String, Object> linkView(FieldContext ctx, CompetitorLink l, Competitor c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("competitor", c == null ? null : CompetitorSchema.view(ctx, c));
        view.put("status", l.status());
        view.put("threatLevel", l.threatLevel());
        view.put("incumbent", l.incumbent());
        view.put(
                "price",
                l.priceAmount() == null ? null : Map.of("amount", l.priceAmount(), "currency", l.priceCurrency()));
        view.put("pricePosition", l.pricePosition());
        view.put("strengths", l.strengths());
        view.put("weaknesses", l.weaknesses());
        view.put("note", l.note());
        view.put("version", l.version());
        return view;
    }
}

package org.openchance.plugins.competitors;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchance.api.graphql.BatchFieldResolver;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.OpportunityUpdates;
import org.openchance.api.host.PluginSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Competitors in the API: the records ({@code competitors}, {@code competitor}, create, update, archive, merge), the
 * competitors of each deal ({@code Opportunity.competitors}, add, update, remove), who won a lost deal
 * ({@code CloseDetails.winningCompetitor}) and the analysis ({@code winLossAnalysis}, {@code Competitor.headToHead},
 * {@code Competitor.battlecard}; see {@link AnalysisResolvers}).
 */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=competitors")
public class CompetitorSchema implements SchemaContribution {

    static final String TYPE = "Competitor";
    static final int LONG_TEXT = 20_000;

    private final CompetitorStore store;
    private final AnalysisResolvers analysis;
    private final DealCompetitorResolvers deals;

    @Activate
    public CompetitorSchema(
            @Reference CompetitorStore store,
            @Reference OpportunityReader reader,
            @Reference OpportunityUpdates updates,
            @Reference PluginSettings settings) {
        this.store = store;
        this.deals = new DealCompetitorResolvers(store, reader, updates, this);
        this.analysis = new AnalysisResolvers(new Analysis(reader, store), () -> settings.getInt("min-deals", 10));
    }

    @Override
    public String sdl() {
        return CompetitorSdl.SDL;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Query",
                Map.of(
                        "competitors", this::competitors,
                        "competitor",
                                ctx -> competitor(ctx, (String) ctx.arguments().get("id")),
                        "winLossAnalysis", analysis::winLossAnalysis),
                "Mutation",
                Map.of(
                        "createCompetitor", this::create,
                        "updateCompetitor", this::update,
                        "archiveCompetitor", this::archive,
                        "mergeCompetitors", this::merge,
                        "addOpportunityCompetitor", ctx -> deals.changeLink(ctx, "add"),
                        "updateOpportunityCompetitor", ctx -> deals.changeLink(ctx, "update"),
                        "removeOpportunityCompetitor", ctx -> deals.changeLink(ctx, "remove")),
                "CloseDetails",
                Map.of("winningCompetitor", this::winningCompetitor),
                TYPE,
                Map.of(
                        "history", this::history,
                        "headToHead", ctx -> ctx.partner() ? null : analysis.headToHead(ctx),
                        "battlecard", ctx -> ctx.partner() ? null : analysis.battlecard(ctx)));
    }

    /** A page's deals' competitors in one call (the links and the competitors one statement each). */
    @Override
    public Map<String, Map<String, BatchFieldResolver>> batchResolvers() {
        return Map.of("Opportunity", Map.of("competitors", deals::competitorsOfDeals));
    }

    /**
     * {@code node(id)} with a Competitor ID: as {@code competitor(id)}, a merged one answering as its target; for
     * employees only, as {@code competitor(id)}.
     */
    @Override
    public Map<String, FieldResolver> nodes() {
        return Map.of(
                TYPE,
                ctx -> ctx.partner()
                        ? null
                        : current((UUID) ctx.arguments().get("id"))
                                .map(c -> view(ctx, c))
                                .orElse(null));
    }

    // --- reads ---

    private Object competitors(FieldContext ctx) throws SQLException {
        Map<String, Object> args = ctx.arguments();
        @SuppressWarnings("unchecked")
        Map<String, Object> filter = args.get("filter") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
        String text = (String) filter.get("query");
        String tag = (String) filter.get("tag");
        boolean archived = Boolean.TRUE.equals(filter.get("includeArchived"));
        int first = args.get("first") instanceof Integer n ? Math.max(1, Math.min(n, 100)) : 20;
        String afterKey = null;
        UUID afterId = null;
        if (args.get("after") instanceof String cursor) {
            String[] parts = decodeCursor(cursor);
            if (parts == null) { // not a cursor of this list: nothing comes after it
                return Map.of(
                        "edges", List.of(),
                        "pageInfo", Map.of("hasNextPage", false, "hasPreviousPage", true),
                        "totalCount", store.count(text, tag, archived));
            }
            afterKey = parts[0];
            afterId = UUID.fromString(parts[1]);
        }
        List<Competitor> rows = store.page(text, tag, archived, afterKey, afterId, first + 1);
        boolean hasNext = rows.size() > first;
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Competitor c : rows.subList(0, Math.min(first, rows.size()))) {
            edges.add(Map.of("cursor", cursor(c), "node", view(ctx, c)));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", afterKey != null);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
        pageInfo.put(
                "endCursor",
                edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        return Map.of("edges", edges, "pageInfo", pageInfo, "totalCount", store.count(text, tag, archived));
    }

    private Object competitor(FieldContext ctx, String apiId) throws SQLException {
        Optional<UUID> id = ctx.recordId(apiId, TYPE);
        if (id.isEmpty()) {
            return null;
        }
        return current(id.get()).map(c -> view(ctx, c)).orElse(null);
    }

    /** The competitor, or the one it was merged into. */
    private Optional<Competitor> current(UUID id) throws SQLException {
        Optional<Competitor> found = store.find(id);
        return found.isPresent() && found.get().mergedInto() != null
                ? store.find(found.get().mergedInto())
                : found;
    }

    private Object winningCompetitor(FieldContext ctx) throws SQLException {
        Optional<String> given = ctx.sourceValue("winningCompetitorId").map(Object::toString);
        if (given.isEmpty() || Analysis.NO_COMPETITOR.contains(given.get())) {
            return null;
        }
        Object byId = competitor(ctx, given.get());
        if (byId != null) {
            return byId;
        }
        // older closes name the winner as free text: the competitor of that name, if there is one
        return store.findByName(given.get()).map(c -> view(ctx, c)).orElse(null);
    }

    private Object history(FieldContext ctx) throws SQLException {
        if (ctx.partner()) {
            return List.of();
        }
        int first = ctx.arguments().get("first") instanceof Integer n ? Math.max(1, Math.min(n, 100)) : 20;
        return store.history(idOf(ctx.source()), first);
    }

    // --- changes of competitors ---

    private Object create(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Competitor c = competitorFrom(in, null);
        if (!in.ok()) {
            return in.failed("competitor");
        }
        try {
            return saved(ctx, store.create(c, ctx.currentUserId().orElse(null)));
        } catch (CompetitorStore.Refused refused) {
            return Input.refused("competitor", refused);
        }
    }

    private Object update(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<Competitor> current = ctx.recordId((String) in.raw("id"), TYPE).flatMap(this::find);
        if (current.isEmpty() || current.get().mergedInto() != null) {
            return notFound("competitor", "input.id", "no such competitor");
        }
        Competitor c = competitorFrom(in, current.get());
        if (!in.ok()) {
            return in.failed("competitor");
        }
        try {
            return saved(
                    ctx,
                    store.update(
                            c,
                            in.integer("expectedVersion"),
                            ctx.currentUserId().orElse(null)));
        } catch (CompetitorStore.Refused refused) {
            return Input.refused("competitor", refused);
        }
    }

    private Object archive(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<UUID> id = ctx.recordId((String) in.raw("id"), TYPE);
        if (id.isEmpty()) {
            return notFound("competitor", "input.id", "no such competitor");
        }
        try {
            return saved(
                    ctx,
                    store.archive(
                            id.get(),
                            in.integer("expectedVersion"),
                            in.flag("archived", true),
                            ctx.currentUserId().orElse(null)));
        } catch (CompetitorStore.Refused refused) {
            return Input.refused("competitor", refused);
        }
    }

    private Object merge(FieldContext ctx) throws SQLException {
        Input in = new Input(ctx.arguments());
        Optional<UUID> target = ctx.recordId((String) in.raw("targetId"), TYPE);
        Optional<UUID> source = ctx.recordId((String) in.raw("sourceId"), TYPE);
        if (target.isEmpty()) {
            return notFound("competitor", "input.targetId", "no such competitor");
        }
        if (source.isEmpty()) {
            return notFound("competitor", "input.sourceId", "no such competitor");
        }
        try {
            return saved(
                    ctx,
                    store.merge(
                            target.get(),
                            in.integer("targetExpectedVersion"),
                            source.get(),
                            in.integer("sourceExpectedVersion"),
                            ctx.currentUserId().orElse(null)));
        } catch (CompetitorStore.Refused refused) {
            return Input.refused("competitor", refused);
        }
    }

    /** The competitor the input describes: a new one, or {@code current} with the fields the input gives. */
    private static Competitor competitorFrom(Input in, Competitor current) {
        boolean creating = current == null;
        String name = creating || in.has("name") ? in.text("name", true, 200) : current.name();
        String pricePosition =
                creating || in.has("pricePosition") ? (String) in.raw("pricePosition") : current.pricePosition();
        if (pricePosition != null && !Input.PRICE_POSITIONS.contains(pricePosition)) {
            in.fail("VALIDATION", "pricePosition", "must be LOWER, SIMILAR or HIGHER");
        }
        return new Competitor(
                creating ? UUID.randomUUID() : current.id(),
                name,
                creating || in.has("website") ? in.website("website") : current.website(),
                creating || in.has("description") ? in.text("description", false, LONG_TEXT) : current.description(),
                creating || in.has("strengths") ? in.text("strengths", false, LONG_TEXT) : current.strengths(),
                creating || in.has("weaknesses") ? in.text("weaknesses", false, LONG_TEXT) : current.weaknesses(),
                creating || in.has("opportunities")
                        ? in.text("opportunities", false, LONG_TEXT)
                        : current.opportunities(),
                creating || in.has("threats") ? in.text("threats", false, LONG_TEXT) : current.threats(),
                pricePosition,
                creating || in.has("tags") ? in.tags("tags") : current.tags(),
                creating ? null : current.archivedAt(),
                null,
                creating ? 1 : current.version(),
                null,
                null);
    }

    // --- views ---

    Optional<Competitor> find(UUID id) {
        try {
            return store.find(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> saved(FieldContext ctx, Competitor c) {
        return Input.payload("competitor", view(ctx, c), List.of());
    }

    static Map<String, Object> notFound(String objectField, String field, String message) {
        return Input.payload(objectField, null, List.of(Input.error("NOT_FOUND", message, field)));
    }

    /**
     * A competitor as the API shows it; {@code __id} carries the record id for the fields below it. Partners, who
     * meet competitors in the deals they work on, see who they are, not what the company thinks of them (description,
     * SWOT, tags; history and analysis are withheld by their resolvers).
     */
    static Map<String, Object> view(FieldContext ctx, Competitor c) {
        boolean inside = !ctx.partner();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("__id", c.id());
        view.put("id", ctx.apiId(TYPE, c.id()));
        view.put("name", c.name());
        view.put("website", c.website());
        view.put("description", inside ? c.description() : null);
        view.put("strengths", inside ? c.strengths() : null);
        view.put("weaknesses", inside ? c.weaknesses() : null);
        view.put("opportunities", inside ? c.opportunities() : null);
        view.put("threats", inside ? c.threats() : null);
        view.put("pricePosition", c.pricePosition());
        view.put("tags", inside ? c.tags() : List.of());
        view.put("archived", c.archivedAt() != null);
        view.put("version", c.version());
        view.put("createdAt", c.createdAt().toString());
        view.put("updatedAt", c.updatedAt().toString());
        return view;
    }

    /** The record id of a competitor view (the parent of its fields). */
    static UUID idOf(Object source) {
        return (UUID) ((Map<?, ?>) source).get("__id");
    }

    private static String cursor(Competitor c) {
        String key = c.name() == null ? "" : org.openchance.api.model.NameKey.of(c.name());
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((key + "\u0000" + c.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** {name key, id}, or null when it is not a cursor of this list. */
    private static String[] decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\u0000");
            UUID.fromString(parts[1]);
            return parts;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

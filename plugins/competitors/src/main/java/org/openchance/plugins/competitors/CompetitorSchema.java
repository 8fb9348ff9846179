package org.openchance.plugins.competitors;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.OpportunityUpdates;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.host.RecordAccess;
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
    private static final Set<String> LINK_STATUSES = Set.of("IN_PLAY", "ELIMINATED", "WON", "LOST");
    private static final Set<String> THREAT_LEVELS = Set.of("LOW", "MEDIUM", "HIGH");
    private static final int LONG_TEXT = 20_000;

    private final CompetitorStore store;
    private final OpportunityReader reader;
    private final OpportunityUpdates updates;
    private final AnalysisResolvers analysis;

    @Activate
    public CompetitorSchema(
            @Reference CompetitorStore store,
            @Reference OpportunityReader reader,
            @Reference OpportunityUpdates updates,
            @Reference PluginSettings settings) {
        this.store = store;
        this.reader = reader;
        this.updates = updates;
        this.analysis =
                new AnalysisResolvers(new Analysis(reader, store), store, () -> settings.getInt("min-deals", 10));
    }

    @Override
    public String sdl() {
        return """
                extend type Query {
                  "The competitors by name; merged ones never, archived ones only when the filter asks."
                  competitors(
                    "Which ones."
                    filter: CompetitorFilter
                    "Page size: 20 when left out, 1 to 100."
                    first: Int
                    "The endCursor of the previous page."
                    after: String
                  ): CompetitorConnection! @policy(allow: EMPLOYEE)
                  "One competitor by ID; a merged one answers as the one it was merged into; null when there is none."
                  competitor("A Competitor ID." id: ID!): Competitor @policy(allow: EMPLOYEE)
                  "Closed deals the user may see, closed from `from` to `to`, grouped by one dimension: wins, losses, win rate with its 95 % Wilson interval, amounts in the reporting currency, average sales cycle. A deal with two reasons (or three competitors) counts in each of their rows."
                  winLossAnalysis(
                    "First close date counted."
                    from: Date!
                    "Last close date counted."
                    to: Date!
                    "What the rows are."
                    groupBy: WinLossDimension!
                    "Only some deals."
                    filter: WinLossFilter
                  ): [WinLossRow!]! @policy(allow: EMPLOYEE) @cost(weight: 500)
                }

                extend type Mutation {
                  "Records a competitor. Errors: VALIDATION (e.g. a name that exists after folding case, umlauts and spaces: ACME GmbH and Acme GmbH are one)."
                  createCompetitor("The new competitor." input: CreateCompetitorInput!): CompetitorPayload! @policy(allow: EMPLOYEE_WRITE)
                  "Changes a competitor: the fields given are set (null clears), the others stay. Errors: VALIDATION, NOT_FOUND, VERSION_CONFLICT."
                  updateCompetitor("What changes." input: UpdateCompetitorInput!): CompetitorPayload! @policy(allow: EMPLOYEE_WRITE)
                  "Archives a competitor (or brings it back): kept with its deals and closes, no longer offered for new deals."
                  archiveCompetitor("Which one." input: ArchiveCompetitorInput!): CompetitorPayload! @policy(allow: ADMIN)
                  "Merges a duplicate (source) into the competitor that stays (target): every deal link moves over, closes that named the source count for the target, both histories say so. Errors: VALIDATION (into itself), NOT_FOUND, VERSION_CONFLICT."
                  mergeCompetitors("The two competitors." input: MergeCompetitorsInput!): CompetitorPayload! @policy(allow: ADMIN)
                  "Puts a competitor into a deal. Needs edit access to the deal (NOT_FOUND when not visible, FORBIDDEN when read-only); VALIDATION when it is there already or archived."
                  addOpportunityCompetitor("The deal, the competitor and what is known." input: AddOpportunityCompetitorInput!): OpportunityCompetitorPayload! @policy(allow: WRITE)
                  "Changes what is known of a competitor in a deal: the fields given are set. Errors as addOpportunityCompetitor, plus VERSION_CONFLICT."
                  updateOpportunityCompetitor("What changes." input: UpdateOpportunityCompetitorInput!): OpportunityCompetitorPayload! @policy(allow: WRITE)
                  "Takes a competitor out of a deal; the payload shows the link as it was."
                  removeOpportunityCompetitor("Which link." input: RemoveOpportunityCompetitorInput!): OpportunityCompetitorPayload! @policy(allow: WRITE)
                }

                extend type Opportunity {
                  "The competitors in this deal, in the order they were added."
                  competitors: [OpportunityCompetitor!]!
                }

                extend type CloseDetails {
                  "The competitor who won a lost deal (after merges, the one it became); null when none was named or the close says NO_DECISION, UNKNOWN or NONE."
                  winningCompetitor: Competitor
                }

                "A company we compete with; node(id) finds it."
                type Competitor implements Node {
                  "The competitor's ID."
                  id: ID!
                  "The name; unique after folding case, umlauts and spaces."
                  name: String!
                  "Their web site."
                  website: String
                  "What they are and do."
                  description: String
                  "SWOT: their strengths."
                  strengths: String
                  "SWOT: their weaknesses."
                  weaknesses: String
                  "SWOT: the opportunities they have."
                  opportunities: String
                  "SWOT: the threats they face."
                  threats: String
                  "Their typical price against ours."
                  pricePosition: PricePosition
                  "Products and other tags."
                  tags: [String!]!
                  "Whether it is archived (kept, not offered for new deals)."
                  archived: Boolean!
                  "Changes with every update."
                  version: Int!
                  "When it was recorded."
                  createdAt: DateTime!
                  "When it last changed."
                  updatedAt: DateTime!
                  "What happened to the record (created, updated, archived, merged), newest first."
                  history("At most this many: 20 when left out, 1 to 100." first: Int): [CompetitorChange!]!
                  "Us against them in the deals closed from `from` to `to` that the user may see."
                  headToHead("First close date counted." from: Date!, "Last close date counted." to: Date!): HeadToHead!
                  "What a salesperson needs before meeting them: SWOT, the latest deals won and lost against them, the reasons we lose (closes of the last five years the user may see)."
                  battlecard: Battlecard!
                }

                "One page of competitors."
                type CompetitorConnection {
                  "The competitors of this page."
                  edges: [CompetitorEdge!]!
                  "Where this page ends."
                  pageInfo: PageInfo!
                  "How many match the filter."
                  totalCount: Int!
                }
                "A competitor in a page."
                type CompetitorEdge {
                  "Where it is in the list."
                  cursor: String!
                  "The competitor."
                  node: Competitor!
                }
                "Which competitors to list."
                input CompetitorFilter {
                  "Part of the name (case, umlauts and spaces folded)."
                  query: String
                  "Only those with this tag (ignoring case)."
                  tag: String
                  "Archived ones too: false when left out."
                  includeArchived: Boolean
                }

                "A change to a competitor record."
                type CompetitorChange {
                  "created, updated, archived, restored or merged."
                  change: String!
                  "What changed, e.g. which competitor was merged into which."
                  detail: String
                  "The ID of the user who made it."
                  changedBy: ID
                  "When."
                  changedAt: DateTime!
                }

                "A price against ours."
                enum PricePosition {
                  "Cheaper than we are."
                  LOWER
                  "About our price."
                  SIMILAR
                  "Dearer than we are."
                  HIGHER
                }
                "How far a competitor is in a deal."
                enum CompetitorStatus {
                  "Still competing."
                  IN_PLAY
                  "Out of the race."
                  ELIMINATED
                  "Won the deal."
                  WON
                  "Lost the deal."
                  LOST
                }
                "How dangerous a competitor is in a deal."
                enum ThreatLevel {
                  "Little danger."
                  LOW
                  "Some danger."
                  MEDIUM
                  "Could take the deal."
                  HIGH
                }

                "A competitor in one deal."
                type OpportunityCompetitor {
                  "The competitor."
                  competitor: Competitor!
                  "How far they are in this deal."
                  status: CompetitorStatus!
                  "How dangerous they are here."
                  threatLevel: ThreatLevel
                  "Whether they are the customer's current supplier."
                  incumbent: Boolean!
                  "What they offered, when known."
                  price: Money
                  "Their price against ours in this deal."
                  pricePosition: PricePosition
                  "Their strengths in this deal."
                  strengths: String
                  "Their weaknesses in this deal."
                  weaknesses: String
                  "Notes."
                  note: String
                  "Changes with every update of the link."
                  version: Int!
                }

                "A new competitor."
                input CreateCompetitorInput {
                  "The name: 1 to 200 characters, not taken after folding."
                  name: String!
                  "An http(s) address."
                  website: String
                  "What they are and do."
                  description: String
                  "SWOT: strengths."
                  strengths: String
                  "SWOT: weaknesses."
                  weaknesses: String
                  "SWOT: opportunities."
                  opportunities: String
                  "SWOT: threats."
                  threats: String
                  "Their typical price against ours."
                  pricePosition: PricePosition
                  "Products and other tags: at most 50, each 1 to 100 characters."
                  tags: [String!]
                }
                "A change of a competitor: the fields given are set (null clears), the others stay."
                input UpdateCompetitorInput {
                  "Which competitor."
                  id: ID!
                  "The version the change was made on."
                  expectedVersion: Int!
                  "A new name (not null)."
                  name: String
                  "An http(s) address."
                  website: String
                  "What they are and do."
                  description: String
                  "SWOT: strengths."
                  strengths: String
                  "SWOT: weaknesses."
                  weaknesses: String
                  "SWOT: opportunities."
                  opportunities: String
                  "SWOT: threats."
                  threats: String
                  "Their typical price against ours."
                  pricePosition: PricePosition
                  "Products and other tags, replacing the old ones."
                  tags: [String!]
                }
                "Archiving a competitor."
                input ArchiveCompetitorInput {
                  "Which competitor."
                  id: ID!
                  "The version the change was made on."
                  expectedVersion: Int!
                  "false brings an archived one back; true when left out."
                  archived: Boolean
                }
                "Merging a duplicate into the competitor that stays."
                input MergeCompetitorsInput {
                  "The competitor that stays."
                  targetId: ID!
                  "Its version."
                  targetExpectedVersion: Int!
                  "The duplicate that goes."
                  sourceId: ID!
                  "Its version."
                  sourceExpectedVersion: Int!
                }
                "The result of a change of a competitor."
                type CompetitorPayload {
                  "The competitor as saved; null when the change failed."
                  competitor: Competitor
                  "Why it failed; empty on success. Nothing is saved when there are errors."
                  errors: [UserError!]!
                }

                "A competitor put into a deal."
                input AddOpportunityCompetitorInput {
                  "The deal (an Opportunity ID)."
                  opportunityId: ID!
                  "The competitor."
                  competitorId: ID!
                  "IN_PLAY when left out."
                  status: CompetitorStatus
                  "How dangerous they are here."
                  threatLevel: ThreatLevel
                  "Whether they are the customer's current supplier: false when left out."
                  incumbent: Boolean
                  "What they offered."
                  price: MoneyInput
                  "Their price against ours in this deal."
                  pricePosition: PricePosition
                  "Their strengths in this deal."
                  strengths: String
                  "Their weaknesses in this deal."
                  weaknesses: String
                  "Notes."
                  note: String
                }
                "A change of a competitor in a deal: the fields given are set (null clears), the others stay."
                input UpdateOpportunityCompetitorInput {
                  "The deal."
                  opportunityId: ID!
                  "The competitor."
                  competitorId: ID!
                  "The link's version the change was made on."
                  expectedVersion: Int!
                  "How far they are (not null)."
                  status: CompetitorStatus
                  "How dangerous they are here."
                  threatLevel: ThreatLevel
                  "Whether they are the current supplier."
                  incumbent: Boolean
                  "What they offered."
                  price: MoneyInput
                  "Their price against ours in this deal."
                  pricePosition: PricePosition
                  "Their strengths in this deal."
                  strengths: String
                  "Their weaknesses in this deal."
                  weaknesses: String
                  "Notes."
                  note: String
                }
                "A competitor taken out of a deal."
                input RemoveOpportunityCompetitorInput {
                  "The deal."
                  opportunityId: ID!
                  "The competitor."
                  competitorId: ID!
                }
                "The result of a change of a competitor in a deal."
                type OpportunityCompetitorPayload {
                  "The link as saved (as it was, for a removal); null when the change failed."
                  opportunityCompetitor: OpportunityCompetitor
                  "Why it failed; empty on success. Nothing is saved when there are errors."
                  errors: [UserError!]!
                }

                "What win/loss rows are."
                enum WinLossDimension {
                  "The close reasons (a deal counts once per reason)."
                  REASON
                  "The competitors in the deal (linked, or the one it was lost to)."
                  COMPETITOR
                  "The deal's owner."
                  OWNER
                  "The account's industry."
                  INDUSTRY
                  "The stage a lost deal was in (lost deals only)."
                  STAGE_LOST_AT
                  "The pipeline."
                  PIPELINE
                  "The account's employees, in bands: 1-9, 10-49, 50-249, 250-999, 1000-4999, 5000+."
                  COMPANY_SIZE
                  "The source of the lead the deal came from."
                  LEAD_SOURCE
                  "The quarter of the close date, e.g. 2026-Q3 (oldest first)."
                  QUARTER
                }
                "Which closed deals a win/loss analysis counts."
                input WinLossFilter {
                  "Only these pipelines."
                  pipelineIds: [ID!]
                  "Only deals of these owners."
                  ownerIds: [ID!]
                  "Only deals these competitors were in."
                  competitorIds: [ID!]
                }
                "One row of a win/loss analysis."
                type WinLossRow {
                  "What the row groups by: a reason, an ID, a band, a quarter; NONE or UNKNOWN for deals without one."
                  key: String!
                  "The row's name for people."
                  label: String!
                  "Deals in the row: wins + losses."
                  deals: Int!
                  "Won deals."
                  wins: Int!
                  "Lost deals."
                  losses: Int!
                  "wins / deals."
                  winRate: Float
                  "Lower end of the 95 % Wilson interval of the win rate."
                  winRateLow: Float
                  "Upper end of the 95 % Wilson interval of the win rate."
                  winRateHigh: Float
                  "Won amounts in the reporting currency (each at the rate of its close date)."
                  wonAmount: Money!
                  "Lost amounts in the reporting currency."
                  lostAmount: Money!
                  "Deals left out of the amounts: without an amount, or with no rate for their currency on the close date."
                  notConvertedCount: Int!
                  "Average days from creation to close."
                  averageCycleDays: Float
                  "The part of all counted deals in this row (for STAGE_LOST_AT, of the lost ones); rows of deals with several values add up to more than 1."
                  share: Float!
                  "Fewer deals than the plugin's minimum (setting min-deals, 10): the rate says little."
                  tooFewDeals: Boolean!
                }
                "Us against one competitor."
                type HeadToHead {
                  "Closed deals they were in."
                  deals: Int!
                  "Of those, won by us."
                  wins: Int!
                  "Of those, lost (to them or to another)."
                  losses: Int!
                  "Lost to them."
                  lostToThem: Int!
                  "Lost to someone else (or to no decision) while they were in."
                  lostToOthers: Int!
                  "wins / deals."
                  winRate: Float
                  "Lower end of the 95 % Wilson interval."
                  winRateLow: Float
                  "Upper end of the 95 % Wilson interval."
                  winRateHigh: Float
                  "What we lost to them, in the reporting currency."
                  amountLostToThem: Money!
                  "The stages where we lose to them, most first."
                  lostAtStages: [StageCount!]!
                  "Their price against ours in these deals, where someone recorded it."
                  pricePositions: [PricePositionCount!]!
                  "The same per quarter of the close date, oldest first."
                  quarters: [HeadToHeadQuarter!]!
                }
                "How many deals were lost at a stage."
                type StageCount {
                  "The stage's name."
                  stage: String!
                  "Deals."
                  count: Int!
                }
                "How often a price position was recorded."
                type PricePositionCount {
                  "LOWER, SIMILAR or HIGHER."
                  position: String!
                  "Deals."
                  count: Int!
                }
                "Us against one competitor in one quarter."
                type HeadToHeadQuarter {
                  "e.g. 2026-Q3."
                  quarter: String!
                  "Closed deals they were in."
                  deals: Int!
                  "Won by us."
                  wins: Int!
                  "Lost."
                  losses: Int!
                  "wins / deals."
                  winRate: Float
                  "Lower end of the 95 % Wilson interval."
                  winRateLow: Float
                  "Upper end of the 95 % Wilson interval."
                  winRateHigh: Float
                }
                "What a salesperson needs before meeting a competitor."
                type Battlecard {
                  "Their strengths."
                  strengths: String
                  "Their weaknesses."
                  weaknesses: String
                  "Their typical price against ours."
                  pricePosition: PricePosition
                  "The latest deals we won against them, newest first (at most 5)."
                  recentWins: [ClosedDeal!]!
                  "The latest deals we lost to them, newest first (at most 5)."
                  recentLosses: [ClosedDeal!]!
                  "Why we lose when they are in the deal, most common first."
                  lossReasons: [ReasonCount!]!
                }
                "A closed deal in a battlecard."
                type ClosedDeal {
                  "The opportunity's ID."
                  opportunityId: ID!
                  "Its name."
                  name: String!
                  "When it closed."
                  closedAt: Date!
                  "Its amount in the reporting currency, when known."
                  amount: Money
                }
                "How often a reason was given."
                type ReasonCount {
                  "The reason."
                  reason: String!
                  "Deals."
                  count: Int!
                }
                """;
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
                        "addOpportunityCompetitor", ctx -> changeLink(ctx, "add"),
                        "updateOpportunityCompetitor", ctx -> changeLink(ctx, "update"),
                        "removeOpportunityCompetitor", ctx -> changeLink(ctx, "remove")),
                "Opportunity",
                Map.of("competitors", this::competitorsOfDeal),
                "CloseDetails",
                Map.of("winningCompetitor", this::winningCompetitor),
                TYPE,
                Map.of(
                        "history", this::history,
                        "headToHead", analysis::headToHead,
                        "battlecard", analysis::battlecard));
    }

    /** {@code node(id)} with a Competitor ID: as {@code competitor(id)}, a merged one answering as its target. */
    @Override
    public Map<String, FieldResolver> nodes() {
        return Map.of(TYPE, ctx -> current((UUID) ctx.arguments().get("id"))
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

    private Object competitorsOfDeal(FieldContext ctx) throws SQLException {
        Optional<UUID> deal = ctx.sourceRecordId();
        if (deal.isEmpty()) {
            return List.of();
        }
        List<CompetitorLink> links = store.linksOf(deal.get());
        Map<UUID, Competitor> competitors =
                store.find(links.stream().map(CompetitorLink::competitorId).toList());
        return links.stream()
                .map(l -> linkView(ctx, l, competitors.get(l.competitorId())))
                .toList();
    }

    private Object history(FieldContext ctx) throws SQLException {
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

    // --- changes of the competitors in a deal ---

    private Object changeLink(FieldContext ctx, String how) throws SQLException {
        String field = "opportunityCompetitor";
        Input in = new Input(ctx.arguments());
        Optional<UUID> deal = ctx.recordId((String) in.raw("opportunityId"), "Opportunity");
        RecordAccess access = deal.map(reader::access).orElse(RecordAccess.NONE);
        if (access == RecordAccess.NONE) {
            return notFound(field, "input.opportunityId", "no such opportunity");
        }
        if (access != RecordAccess.EDIT) {
            return Input.payload(
                    field,
                    null,
                    List.of(Input.error(
                            "FORBIDDEN", "you may read this opportunity, not change it", "input.opportunityId")));
        }
        Optional<UUID> competitor = ctx.recordId((String) in.raw("competitorId"), TYPE);
        if (competitor.isEmpty()) {
            return notFound(field, "input.competitorId", "no such competitor");
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
                    return Input.payload(
                            field,
                            linkView(ctx, saved, find(saved.competitorId()).orElse(null)),
                            List.of());
                }
                case "update" -> {
                    Optional<CompetitorLink> current = store.linksOf(deal.get()).stream()
                            .filter(l -> l.competitorId().equals(competitor.get()))
                            .findFirst();
                    if (current.isEmpty()) {
                        return notFound(field, "input.competitorId", "the competitor is not in this deal");
                    }
                    CompetitorLink link = linkFrom(in, deal.get(), competitor.get(), current.get());
                    if (!in.ok()) {
                        return in.failed(field);
                    }
                    CompetitorLink saved = store.updateLink(link, in.integer("expectedVersion"));
                    syncCount(deal.get());
                    return Input.payload(
                            field,
                            linkView(ctx, saved, find(saved.competitorId()).orElse(null)),
                            List.of());
                }
                default -> {
                    Optional<CompetitorLink> current = store.linksOf(deal.get()).stream()
                            .filter(l -> l.competitorId().equals(competitor.get()))
                            .findFirst();
                    if (current.isEmpty()) {
                        return notFound(field, "input.competitorId", "the competitor is not in this deal");
                    }
                    store.removeLink(deal.get(), competitor.get());
                    syncCount(deal.get());
                    return Input.payload(
                            field,
                            linkView(ctx, current.get(), find(competitor.get()).orElse(null)),
                            List.of());
                }
            }
        } catch (CompetitorStore.Refused refused) {
            return Input.refused(field, refused);
        }
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
                adding || in.has("strengths") ? in.text("strengths", false, LONG_TEXT) : current.strengths(),
                adding || in.has("weaknesses") ? in.text("weaknesses", false, LONG_TEXT) : current.weaknesses(),
                adding || in.has("note") ? in.text("note", false, LONG_TEXT) : current.note(),
                adding ? 1 : current.version());
    }

    // --- views ---

    private Optional<Competitor> find(UUID id) {
        try {
            return store.find(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> saved(FieldContext ctx, Competitor c) {
        return Input.payload("competitor", view(ctx, c), List.of());
    }

    private static Map<String, Object> notFound(String objectField, String field, String message) {
        return Input.payload(objectField, null, List.of(Input.error("NOT_FOUND", message, field)));
    }

    /** A competitor as the API shows it; {@code __id} carries the record id for the fields below it. */
    static Map<String, Object> view(FieldContext ctx, Competitor c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("__id", c.id());
        view.put("id", ctx.apiId(TYPE, c.id()));
        view.put("name", c.name());
        view.put("website", c.website());
        view.put("description", c.description());
        view.put("strengths", c.strengths());
        view.put("weaknesses", c.weaknesses());
        view.put("opportunities", c.opportunities());
        view.put("threats", c.threats());
        view.put("pricePosition", c.pricePosition());
        view.put("tags", c.tags());
        view.put("archived", c.archivedAt() != null);
        view.put("version", c.version());
        view.put("createdAt", c.createdAt().toString());
        view.put("updatedAt", c.updatedAt().toString());
        return view;
    }

    private static Map<String, Object> linkView(FieldContext ctx, CompetitorLink l, Competitor c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("competitor", c == null ? null : view(ctx, c));
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

package org.openchance.plugins.scoringcriteria;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchance.api.graphql.BatchFieldResolver;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The scorecard in the API: read it ({@code scorecard}, {@code scorecardVersions}), change it ({@code updateScorecard}:
 * a new version, every existing score stays attributed to its own), and see how an opportunity's score moved
 * ({@code Opportunity.scoreHistory}, or {@code criteriaScoreHistory} by id).
 */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=scorecard")
public class ScorecardSchema implements SchemaContribution {

    private final ScorecardStore store;
    private final ScoreHistory history;

    @Activate
    public ScorecardSchema(@Reference ScorecardStore store, @Reference ScoreHistory history) {
        this.store = store;
        this.history = history;
    }

    @Override
    public String sdl() {
        return """
                extend type Query {
                  "The current scorecard of the criteria scoring (strategy `criteria`)."
                  scorecard: Scorecard! @policy(allow: SIGNED_IN)
                  "Every scorecard version, newest first."
                  scorecardVersions: [Scorecard!]! @policy(allow: SIGNED_IN)
                  "How an opportunity's scorecard score moved, newest first, each with the scorecard version it used."
                  criteriaScoreHistory(
                    "The opportunity (an Opportunity ID); an ID of another type gives an empty list."
                    opportunityId: ID!
                    "How many entries to return: 20 when left out; values outside 1 to 100 are brought into that range."
                    first: Int
                  ): [CriteriaScoreEntry!]! @policy(allow: EMPLOYEE)
                }

                extend type Opportunity {
                  "How this opportunity's scorecard score moved, newest first, each with the scorecard version it used."
                  scoreHistory(
                    "How many entries to return: 20 when left out; values outside 1 to 100 are brought into that range."
                    first: Int
                  ): [CriteriaScoreEntry!]!
                }

                extend type Mutation {
                  "Saves the criteria as the next scorecard version and recomputes all scores with it in the background. Errors: VALIDATION (with the criterion's field, e.g. input.criteria[0].weight) and, for valid criteria, VERSION_CONFLICT."
                  updateScorecard(
                    "The complete new scorecard and the version it was made on."
                    input: UpdateScorecardInput!
                  ): UpdateScorecardPayload! @policy(allow: ADMIN)
                }

                "One version of the scorecard: weighted criteria. A score is the weighted mean of the criteria's points (0 to 100); a version never changes once saved."
                type Scorecard {
                  "The version number: 1 for the starting scorecard, one more with every update."
                  version: Int!
                  "Why this version was made, as its author wrote it; null when none was given."
                  note: String
                  "When this version was saved."
                  createdAt: DateTime!
                  "The criteria in order."
                  criteria: [ScorecardCriterion!]!
                  "The recomputation of all scores with this version, while it runs or after it ran on this server."
                  recompute: ScorecardRecompute
                }

                "Where the recomputation of all scores with a new scorecard version stands (on this server)."
                type ScorecardRecompute {
                  "How many opportunities have been scored so far."
                  done: Int!
                  "Whether it is still running."
                  running: Boolean!
                  "When it finished; null while it runs or when it stopped on an error."
                  finishedAt: DateTime
                }

                "One line of the scorecard: what it reads, how much it counts, and how a value becomes points."
                type ScorecardCriterion {
                  "The criterion's name, as score contributions show it, e.g. Company size."
                  name: String!
                  "Numeric: COMPANY_SIZE (employees), BUDGET_COVERAGE (% of the amount), DAYS_TO_CLOSE, AMOUNT, TEAM_SIZE, COMPETITORS, RESOURCE_WAIT_DAYS (from the expected close until delivery staff are free). Categories: STAGE, INDUSTRY, PARTNER_ON_TEAM (yes/no), RESOURCE_AVAILABILITY (HIGH/MEDIUM/LOW)."
                  measure: String!
                  "How much the criterion counts relative to the others (above 0, at most 100)."
                  weight: Float!
                  "Numeric measures: a value below upTo gets the points; the last band may be open (upTo null)."
                  bands: [ScorecardBand!]!
                  "Category measures: points per value."
                  categories: [ScorecardCategory!]!
                  "Points when the value is unknown or fits no band or category."
                  otherwisePoints: Float!
                }

                "A range of a numeric measure: values from the previous band's upTo to below this one's get these points."
                type ScorecardBand {
                  "Upper bound, excluded; null for the open-ended last band."
                  upTo: Float
                  "The points for a value in the band, 0 to 100."
                  points: Float!
                }
                "The points for one value of a category measure."
                type ScorecardCategory {
                  "The value, e.g. a stage name, an industry, yes or no, HIGH; compared ignoring case."
                  value: String!
                  "The points for it, 0 to 100."
                  points: Float!
                }

                "A new scorecard version: the complete list of criteria, replacing the current one."
                input UpdateScorecardInput {
                  "The version the change was made on; another one is current → VERSION_CONFLICT."
                  expectedVersion: Int!
                  "Why the scorecard changes, for people."
                  note: String
                  "The criteria in order, at least one."
                  criteria: [ScorecardCriterionInput!]!
                }
                "One criterion of a new scorecard version."
                input ScorecardCriterionInput {
                  "The criterion's name: required, not blank."
                  name: String!
                  "One of the measures listed at ScorecardCriterion.measure, case-insensitive; another is a VALIDATION error."
                  measure: String!
                  "How much it counts relative to the others: above 0, at most 100."
                  weight: Float!
                  "For a numeric measure: at least one band, upTo ascending, only the last one open (upTo null)."
                  bands: [ScorecardBandInput!]
                  "For a category measure: at least one value with its points."
                  categories: [ScorecardCategoryInput!]
                  "Points when the value is unknown or fits no band or category: 0 to 100."
                  otherwisePoints: Float!
                }
                "A band of a numeric criterion."
                input ScorecardBandInput {
                  "Upper bound, excluded, greater than the previous band's; null only for the last band."
                  upTo: Float
                  "The points for a value in the band: 0 to 100."
                  points: Float!
                }
                "A value of a category criterion."
                input ScorecardCategoryInput {
                  "The value, compared ignoring case."
                  value: String!
                  "The points for it: 0 to 100."
                  points: Float!
                }

                "The result of updateScorecard: the new version, or the errors."
                type UpdateScorecardPayload {
                  "The saved version; null when the mutation failed."
                  scorecard: Scorecard
                  "Why the mutation failed; empty on success. Nothing is saved when there are errors."
                  errors: [UserError!]!
                }

                "An opportunity's scorecard score at one moment; a new entry is kept only when the value or the scorecard version changed."
                type CriteriaScoreEntry {
                  "The score, 0 to 100."
                  value: Float!
                  "The scorecard version it was computed with."
                  scorecardVersion: Int!
                  "When it was computed."
                  computedAt: DateTime!
                  "What each criterion added then."
                  contributions: [ScoreContribution!]!
                }
                """;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Query",
                        Map.of(
                                "scorecard", context -> view(store.current()),
                                "scorecardVersions",
                                        context -> store.versions().stream()
                                                .map(this::view)
                                                .toList(),
                                "criteriaScoreHistory",
                                        context -> history(
                                                context.recordId(
                                                        (String) context.arguments()
                                                                .get("opportunityId"),
                                                        "Opportunity"),
                                                context.arguments())),
                "Mutation", Map.of("updateScorecard", context -> update(input(context.arguments()))));
    }

    /** {@code Opportunity.scoreHistory} of a whole page at once: two statements per page size asked for. */
    @Override
    public Map<String, Map<String, BatchFieldResolver>> batchResolvers() {
        return Map.of("Opportunity", Map.of("scoreHistory", this::histories));
    }

    /** {@code criteriaScoreHistory}: one opportunity's, by id. */
    private Object history(Optional<UUID> opportunity, Map<String, Object> arguments) throws SQLException {
        return opportunity.isEmpty() ? List.of() : entries(history.history(opportunity.get(), first(arguments)));
    }

    private List<?> histories(List<FieldContext> contexts) throws SQLException {
        Map<Integer, List<UUID>> byFirst = new HashMap<>();
        contexts.forEach(c -> c.sourceRecordId()
                .ifPresent(id -> byFirst.computeIfAbsent(first(c.arguments()), f -> new ArrayList<>())
                        .add(id)));
        Map<Integer, Map<UUID, List<ScoreHistory.Entry>>> found = new HashMap<>();
        for (Map.Entry<Integer, List<UUID>> group : byFirst.entrySet()) {
            found.put(group.getKey(), history.histories(group.getValue(), group.getKey()));
        }
        return contexts.stream()
                .map(c -> c.sourceRecordId()
                        .map(id -> entries(found.get(first(c.arguments())).getOrDefault(id, List.of())))
                        .orElse(List.of()))
                .toList();
    }

    private static int first(Map<String, Object> arguments) {
        return arguments.get("first") instanceof Integer n ? Math.max(1, Math.min(n, 100)) : 20;
    }

    private static List<Map<String, Object>> entries(List<ScoreHistory.Entry> entries) {
        return entries.stream()
                .map(entry -> Map.<String, Object>of(
                        "value",
                        entry.value(),
                        "scorecardVersion",
                        entry.scorecardVersion(),
                        "computedAt",
                        entry.computedAt().toString(),
                        "contributions",
                        entry.contributions().stream()
                                .map(ScorecardSchema::contribution)
                                .toList()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Map<String, Object> arguments) {
        return (Map<String, Object>) arguments.get("input");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> update(Map<String, Object> input) throws SQLException {
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Criterion> criteria = new ArrayList<>();
        List<Map<String, Object>> given = (List<Map<String, Object>>) input.get("criteria");
        for (int i = 0; i < given.size(); i++) {
            Map<String, Object> c = given.get(i);
            Measure measure = measure((String) c.get("measure"));
            if (measure == null) {
                errors.add(error(
                        "VALIDATION", "unknown measure " + c.get("measure"), "input.criteria[" + i + "].measure"));
            }
            List<Criterion.Band> bands = new ArrayList<>();
            for (Map<String, Object> band :
                    (List<Map<String, Object>>) java.util.Objects.requireNonNullElse(c.get("bands"), List.of())) {
                bands.add(new Criterion.Band(
                        band.get("upTo") == null ? null : ((Number) band.get("upTo")).doubleValue(),
                        ((Number) band.get("points")).doubleValue()));
            }
            Map<String, Double> categories = new LinkedHashMap<>();
            for (Map<String, Object> category :
                    (List<Map<String, Object>>) java.util.Objects.requireNonNullElse(c.get("categories"), List.of())) {
                categories.put((String) category.get("value"), ((Number) category.get("points")).doubleValue());
            }
            criteria.add(new Criterion(
                    (String) c.get("name"),
                    measure,
                    ((Number) c.get("weight")).doubleValue(),
                    bands,
                    categories,
                    ((Number) c.get("otherwisePoints")).doubleValue()));
        }
        if (errors.isEmpty()) {
            for (String problem : Scorecard.problems(criteria)) {
                int colon = problem.indexOf(": ");
                errors.add(error("VALIDATION", problem.substring(colon + 2), problem.substring(0, colon)));
            }
        }
        int expected = ((Number) input.get("expectedVersion")).intValue();
        Scorecard current = store.current();
        if (errors.isEmpty() && expected != current.version()) {
            errors.add(error(
                    "VERSION_CONFLICT",
                    "the scorecard is at version " + current.version() + ", not " + expected + ": reload and try again",
                    "input.expectedVersion"));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        if (!errors.isEmpty()) {
            payload.put("scorecard", null);
            payload.put("errors", errors);
            return payload;
        }
        Scorecard saved = store.save(criteria, (String) input.get("note"));
        history.recomputeAll();
        payload.put("scorecard", view(saved));
        payload.put("errors", List.of());
        return payload;
    }

    private Map<String, Object> view(Scorecard scorecard) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", scorecard.version());
        view.put("note", scorecard.note());
        view.put("createdAt", scorecard.createdAt().toString());
        view.put(
                "criteria",
                scorecard.criteria().stream()
                        .map(c -> {
                            Map<String, Object> criterion = new LinkedHashMap<>();
                            criterion.put("name", c.name());
                            criterion.put("measure", c.measure().name());
                            criterion.put("weight", c.weight());
                            criterion.put(
                                    "bands",
                                    c.bands().stream()
                                            .map(b -> {
                                                Map<String, Object> band = new LinkedHashMap<>();
                                                band.put("upTo", b.upTo());
                                                band.put("points", b.points());
                                                return band;
                                            })
                                            .toList());
                            criterion.put(
                                    "categories",
                                    c.categories().entrySet().stream()
                                            .map(e -> Map.of("value", e.getKey(), "points", e.getValue()))
                                            .toList());
                            criterion.put("otherwisePoints", c.otherwise());
                            return criterion;
                        })
                        .toList());
        ScoreHistory.Recompute recompute = history.recompute();
        if (recompute != null && recompute.version() == scorecard.version()) {
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("done", recompute.done());
            progress.put("running", recompute.running());
            progress.put(
                    "finishedAt",
                    recompute.finishedAt() == null
                            ? null
                            : recompute.finishedAt().toString());
            view.put("recompute", progress);
        } else {
            view.put("recompute", null);
        }
        return view;
    }

    private static Map<String, Object> contribution(org.openchance.api.scoring.Contribution c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("criterion", c.criterion());
        view.put("weight", c.weight());
        view.put("value", c.value());
        view.put("points", c.points());
        view.put("explanation", c.explanation());
        return view;
    }

    private static Map<String, Object> error(String code, String message, String field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        return error;
    }

    private static Measure measure(String name) {
        try {
            return name == null ? null : Measure.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package org.openchance.plugins.scoringcriteria;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
                  scorecard: Scorecard!
                  "Every scorecard version, newest first."
                  scorecardVersions: [Scorecard!]!
                  "How an opportunity's scorecard score moved, newest first, each with the scorecard version it used."
                  criteriaScoreHistory(opportunityId: ID!, first: Int): [CriteriaScoreEntry!]!
                }

                extend type Opportunity {
                  "How this opportunity's scorecard score moved, newest first, each with the scorecard version it used."
                  scoreHistory(first: Int): [CriteriaScoreEntry!]!
                }

                extend type Mutation {
                  "Saves the criteria as the next scorecard version and recomputes all scores with it in the background."
                  updateScorecard(input: UpdateScorecardInput!): UpdateScorecardPayload!
                }

                type Scorecard {
                  version: Int!
                  note: String
                  createdAt: DateTime!
                  criteria: [ScorecardCriterion!]!
                  "The recomputation of all scores with this version, while it runs or after it ran on this server."
                  recompute: ScorecardRecompute
                }

                type ScorecardRecompute {
                  done: Int!
                  running: Boolean!
                  finishedAt: DateTime
                }

                type ScorecardCriterion {
                  name: String!
                  "Numeric: COMPANY_SIZE (employees), BUDGET_COVERAGE (% of the amount), DAYS_TO_CLOSE, AMOUNT, TEAM_SIZE, COMPETITORS, RESOURCE_WAIT_DAYS (from the expected close until delivery staff are free). Categories: STAGE, INDUSTRY, PARTNER_ON_TEAM (yes/no), RESOURCE_AVAILABILITY (HIGH/MEDIUM/LOW)."
                  measure: String!
                  weight: Float!
                  "Numeric measures: a value below upTo gets the points; the last band may be open (upTo null)."
                  bands: [ScorecardBand!]!
                  "Category measures: points per value."
                  categories: [ScorecardCategory!]!
                  "Points when the value is unknown or fits no band or category."
                  otherwisePoints: Float!
                }

                type ScorecardBand { upTo: Float points: Float! }
                type ScorecardCategory { value: String! points: Float! }

                input UpdateScorecardInput {
                  "The version the change was made on; another one is current → VERSION_CONFLICT."
                  expectedVersion: Int!
                  note: String
                  criteria: [ScorecardCriterionInput!]!
                }
                input ScorecardCriterionInput {
                  name: String!
                  measure: String!
                  weight: Float!
                  bands: [ScorecardBandInput!]
                  categories: [ScorecardCategoryInput!]
                  otherwisePoints: Float!
                }
                input ScorecardBandInput { upTo: Float points: Float! }
                input ScorecardCategoryInput { value: String! points: Float! }

                type UpdateScorecardPayload {
                  scorecard: Scorecard
                  errors: [UserError!]!
                }

                type CriteriaScoreEntry {
                  value: Float!
                  scorecardVersion: Int!
                  computedAt: DateTime!
                  contributions: [ScoreContribution!]!
                }
                """;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Query", Map.of(
                        "scorecard", context -> view(store.current()),
                        "scorecardVersions", context -> store.versions().stream().map(this::view).toList(),
                        "criteriaScoreHistory", context -> history(context.recordId(
                                (String) context.arguments().get("opportunityId"), "Opportunity"), context.arguments())),
                "Opportunity", Map.of("scoreHistory", context -> history(context.sourceRecordId(), context.arguments())),
                "Mutation", Map.of("updateScorecard", context -> update(input(context.arguments()))));
    }

    private Object history(Optional<UUID> opportunity, Map<String, Object> arguments) throws SQLException {
        int first = arguments.get("first") instanceof Integer n ? Math.max(1, Math.min(n, 100)) : 20;
        if (opportunity.isEmpty()) {
            return List.of();
        }
        return history.history(opportunity.get(), first).stream().map(entry -> Map.of("value", entry.value(),
                "scorecardVersion", entry.scorecardVersion(), "computedAt", entry.computedAt().toString(),
                "contributions", entry.contributions().stream().map(ScorecardSchema::contribution).toList())).toList();
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
                errors.add(error("VALIDATION", "unknown measure " + c.get("measure"), "input.criteria[" + i + "].measure"));
            }
            List<Criterion.Band> bands = new ArrayList<>();
            for (Map<String, Object> band : (List<Map<String, Object>>) c.getOrDefault("bands", List.of())) {
                bands.add(new Criterion.Band(band.get("upTo") == null ? null : ((Number) band.get("upTo")).doubleValue(),
                        ((Number) band.get("points")).doubleValue()));
            }
            Map<String, Double> categories = new LinkedHashMap<>();
            for (Map<String, Object> category : (List<Map<String, Object>>) c.getOrDefault("categories", List.of())) {
                categories.put((String) category.get("value"), ((Number) category.get("points")).doubleValue());
            }
            criteria.add(new Criterion((String) c.get("name"), measure, ((Number) c.get("weight")).doubleValue(), bands,
                    categories, ((Number) c.get("otherwisePoints")).doubleValue()));
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
            errors.add(error("VERSION_CONFLICT", "the scorecard is at version " + current.version() + ", not " + expected
                    + ": reload and try again", "input.expectedVersion"));
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
        view.put("criteria", scorecard.criteria().stream().map(c -> {
            Map<String, Object> criterion = new LinkedHashMap<>();
            criterion.put("name", c.name());
            criterion.put("measure", c.measure().name());
            criterion.put("weight", c.weight());
            criterion.put("bands", c.bands().stream().map(b -> {
                Map<String, Object> band = new LinkedHashMap<>();
                band.put("upTo", b.upTo());
                band.put("points", b.points());
                return band;
            }).toList());
            criterion.put("categories", c.categories().entrySet().stream()
                    .map(e -> Map.of("value", e.getKey(), "points", e.getValue())).toList());
            criterion.put("otherwisePoints", c.otherwise());
            return criterion;
        }).toList());
        ScoreHistory.Recompute recompute = history.recompute();
        if (recompute != null && recompute.version() == scorecard.version()) {
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("done", recompute.done());
            progress.put("running", recompute.running());
            progress.put("finishedAt", recompute.finishedAt() == null ? null : recompute.finishedAt().toString());
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

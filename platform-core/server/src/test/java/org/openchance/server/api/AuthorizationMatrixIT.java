package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;
import org.openchance.testkit.server.ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the running schema, called by every kind of caller, against a policy oracle written here, apart
 * from the server's: who may call what. The documents are generated from the live schema (introspection), so a new
 * query or mutation is called too, and one this oracle does not know fails the test until someone decides its
 * policy. A call is "refused" when it answers the FORBIDDEN error for that field; any other answer (data, a user
 * error, NOT_FOUND for the dummy ids) means the policy let it through. The product's plugins are installed, so their
 * operations are in the matrix too.
 */
@ServerTest
class AuthorizationMatrixIT {

    static final Path PLUGINS = PluginBundles.temporaryFolder("openchance-matrix-plugins-");

    @DynamicPropertySource
    static void plugins(DynamicPropertyRegistry registry) {
        registry.add("openchance.plugins.dir", PLUGINS::toString);
    }

    enum Caller {
        ADMIN,
        MANAGER,
        SALES,
        READ_ONLY,
        PARTNER,
        API_KEY_READ,
        API_KEY_WRITE
    }

    /** Who may call each operation, decided here independently of the schema's @policy. */
    private static final Map<String, Set<Caller>> ORACLE = new HashMap<>();

    static {
        Set<Caller> everyone = EnumSet.allOf(Caller.class);
        Set<Caller> employees = EnumSet.complementOf(EnumSet.of(Caller.PARTNER));
        Set<Caller> writers =
                EnumSet.of(Caller.ADMIN, Caller.MANAGER, Caller.SALES, Caller.PARTNER, Caller.API_KEY_WRITE);
        Set<Caller> employeeWriters = EnumSet.of(Caller.ADMIN, Caller.MANAGER, Caller.SALES, Caller.API_KEY_WRITE);
        Set<Caller> admins = EnumSet.of(Caller.ADMIN);
        Set<Caller> people = EnumSet.of(Caller.ADMIN, Caller.MANAGER, Caller.SALES, Caller.READ_ONLY, Caller.PARTNER);
        for (String q : List.of(
                "me",
                "node",
                "opportunity",
                "opportunities",
                "opportunitiesAsOf",
                "pipelines",
                "pipelineSummary",
                "search",
                "serverInfo",
                "scoringStrategies",
                "apiKeys",
                "reportingCurrency",
                "exchangeRates",
                "forecastModels")) {
            ORACLE.put("Query." + q, everyone);
        }
        for (String q : List.of(
                "account",
                "accounts",
                "contact",
                "lead",
                "leads",
                "tasks",
                "user",
                "users",
                "scoreCalibration",
                "forecast",
                "forecastBacktest",
                "forecastSnapshots",
                "quotas")) {
            ORACLE.put("Query." + q, employees);
        }
        for (String q : List.of("webhooks", "plugins", "deadLetters", "auditLog", "searchConsistency")) {
            ORACLE.put("Query." + q, admins);
        }
        for (String m : List.of(
                "updateOpportunity",
                "moveOpportunityStage",
                "closeOpportunity",
                "reopenOpportunity",
                "deleteOpportunity",
                "restoreOpportunity",
                "addTeamMember",
                "removeTeamMember",
                "addOpportunityContact",
                "removeOpportunityContact",
                "moveOpportunityToPipeline")) {
            ORACLE.put("Mutation." + m, writers);
        }
        for (String m : List.of(
                "createAccount",
                "updateAccount",
                "createContact",
                "updateContact",
                "createLead",
                "updateLead",
                "qualifyLead",
                "disqualifyLead",
                "createOpportunity",
                "logActivity",
                "createTask",
                "updateTask",
                "completeTask",
                "reopenTask",
                "setQuota",
                "adjustForecast")) {
            ORACLE.put("Mutation." + m, employeeWriters);
        }
        for (String m : List.of(
                "createUser",
                "updateUser",
                "resetPassword",
                "createWebhook",
                "deleteWebhook",
                "enablePlugin",
                "disablePlugin",
                "configurePlugin",
                "setPipelineScoringStrategy",
                "createPipeline",
                "updatePipeline",
                "addStage",
                "updateStage",
                "moveStage",
                "removeStage",
                "addCloseReason",
                "renameCloseReason",
                "retireCloseReason",
                "setExchangeRate",
                "snapshotForecast",
                "replayDeadLetters",
                "repairSearchIndex")) {
            ORACLE.put("Mutation." + m, admins);
        }
        // the plugins' operations
        ORACLE.put("Query.scorecard", everyone);
        ORACLE.put("Query.scorecardVersions", everyone);
        ORACLE.put("Query.criteriaScoreHistory", employees);
        ORACLE.put("Query.predictiveModel", employees);
        ORACLE.put("Mutation.updateScorecard", admins);
        ORACLE.put("Mutation.retrainPredictiveModel", admins);
        for (String q : List.of("competitors", "competitor", "winLossAnalysis")) {
            ORACLE.put("Query." + q, employees);
        }
        ORACLE.put("Mutation.createCompetitor", employeeWriters);
        ORACLE.put("Mutation.updateCompetitor", employeeWriters);
        ORACLE.put("Mutation.archiveCompetitor", admins);
        ORACLE.put("Mutation.mergeCompetitors", admins);
        for (String m :
                List.of("addOpportunityCompetitor", "updateOpportunityCompetitor", "removeOpportunityCompetitor")) {
            ORACLE.put("Mutation." + m, writers);
        }
        ORACLE.put("Query.products", employees);
        ORACLE.put("Query.priceLists", employees);
        ORACLE.put("Query.quote", everyone);
        ORACLE.put("Query.quotes", everyone);
        for (String m : List.of("createProduct", "updateProduct", "createPriceList", "setPrice", "importCatalogue")) {
            ORACLE.put("Mutation." + m, admins);
        }
        for (String m : List.of(
                "createQuote",
                "updateQuote",
                "addQuoteLine",
                "updateQuoteLine",
                "removeQuoteLine",
                "moveQuoteLine",
                "sendQuote",
                "reviseQuote",
                "acceptQuote",
                "rejectQuote")) {
            ORACLE.put("Mutation." + m, writers);
        }
        for (String m : List.of("changePassword", "createApiKey", "revokeApiKey")) {
            ORACLE.put("Mutation." + m, people);
        }
    }

    // Three documents: graphql-java refuses one that lists fields twice as bad-faith introspection.
    private static final String TYPE = SchemaFuzzer.TYPE_FRAGMENT;
    private static final String ROOT =
            TYPE + "{ __schema { %s { fields { name args { name type { ...T } } type { ...T } } } } }";
    private static final String TYPES =
            TYPE + "{ __schema { types { kind name enumValues { name } inputFields { name type { ...T } } } } }";

    @LocalServerPort
    int port;

    @Test
    void everyOperationAnswersEveryCallerAsTheOracleSays() throws Exception {
        GraphQlClient admin = new GraphQlClient(port);
        ProductPlugins.install(PLUGINS, admin); // their operations are in the matrix too
        Map<Caller, GraphQlClient> callers = callers(admin);
        Map<String, JsonNode> types = new HashMap<>();
        admin.data(TYPES, Map.of())
                .at("/__schema/types")
                .forEach(t -> types.put(t.get("name").asString(), t));
        Map<String, String> documents = new LinkedHashMap<>();
        admin.data(ROOT.formatted("queryType"), Map.of())
                .at("/__schema/queryType/fields")
                .forEach(f -> documents.put("Query." + SchemaFuzzer.name(f), document("query", f, types)));
        admin.data(ROOT.formatted("mutationType"), Map.of())
                .at("/__schema/mutationType/fields")
                .forEach(f -> documents.put("Mutation." + SchemaFuzzer.name(f), document("mutation", f, types)));

        assertThat(new TreeSet<>(documents.keySet()))
                .as("operations of the schema without a decision in this test's oracle: decide who may call them")
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(ORACLE.keySet()));

        List<String> mismatches = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, String> operation : documents.entrySet()) {
            String field = operation.getKey().substring(operation.getKey().indexOf('.') + 1);
            // anonymous: 401 before anything runs
            HttpResponse<String> anonymous = admin.post("/graphql", Map.of("query", operation.getValue()), null);
            if (anonymous.statusCode() != 401) {
                mismatches.add(operation.getKey() + " anonymous: HTTP " + anonymous.statusCode());
            }
            for (Caller caller : Caller.values()) {
                JsonNode response = callers.get(caller).execute(operation.getValue(), Map.of());
                calls++;
                boolean invalid = false;
                boolean refused = false;
                for (JsonNode error : response.path("errors")) {
                    if (error.path("path").isMissingNode()) {
                        invalid = true; // a document the schema refused: the generator's fault, not a verdict
                    }
                    if (error.at("/extensions/code").asString("").equals("FORBIDDEN")
                            && error.at("/path/0").asString("").equals(field)) {
                        refused = true;
                    }
                }
                if (invalid) {
                    mismatches.add(operation.getKey() + " " + caller + ": invalid document " + response);
                    continue;
                }
                boolean expected = ORACLE.get(operation.getKey()).contains(caller);
                if (expected == refused) {
                    mismatches.add(operation.getKey() + " " + caller + ": expected "
                            + (expected ? "allowed" : "refused") + ", got " + response);
                }
            }
        }
        assertThat(mismatches).as("of %d calls", calls).isEmpty();
        assertThat(calls).isEqualTo(documents.size() * Caller.values().length);
    }

    private static Map<Caller, GraphQlClient> callers(GraphQlClient admin) {
        Map<Caller, GraphQlClient> callers = new HashMap<>();
        callers.put(Caller.ADMIN, admin);
        String manager = admin.fixtures().anEmployee("Mia Manager", "mia@example.com", List.of("MANAGER"), null);
        callers.put(Caller.MANAGER, admin.fixtures().signedIn(manager));
        String sales = admin.fixtures().anEmployee("Sam Sales", "sam@example.com", List.of("SALES"), manager);
        GraphQlClient asSales = admin.fixtures().signedIn(sales);
        callers.put(Caller.SALES, asSales);
        String reader = admin.fixtures().anEmployee("Rita Reader", "rita@example.com", List.of("READ_ONLY"), null);
        callers.put(Caller.READ_ONLY, admin.fixtures().signedIn(reader));
        String partner = admin.fixtures().aPartner("Pia Partner", "pia@partner.example", "Partner AG");
        callers.put(Caller.PARTNER, admin.fixtures().signedIn(partner));
        callers.put(Caller.API_KEY_READ, admin.as(key(asSales, "READ")));
        callers.put(Caller.API_KEY_WRITE, admin.as(key(asSales, "READ", "WRITE")));
        return callers;
    }

    private static String key(GraphQlClient owner, String... scopes) {
        return owner.mutate(
                        "createApiKey", Map.of("name", "matrix " + String.join("+", scopes), "scopes", List.of(scopes)))
                .path("secret")
                .asString();
    }

    /** A call of the field with a value for every required argument, selecting only __typename of an object. */
    private static String document(String operation, JsonNode field, Map<String, JsonNode> types) {
        List<String> args = new ArrayList<>();
        for (JsonNode arg : field.get("args")) {
            if (arg.at("/type/kind").asString().equals("NON_NULL")) {
                args.add(SchemaFuzzer.name(arg) + ": " + value(arg.get("type"), types, 0));
            }
        }
        String call = SchemaFuzzer.name(field) + (args.isEmpty() ? "" : "(" + String.join(", ", args) + ")");
        String kind =
                types.get(SchemaFuzzer.named(field.get("type"))).get("kind").asString();
        boolean composite = kind.equals("OBJECT") || kind.equals("INTERFACE") || kind.equals("UNION");
        return operation + " { " + call + (composite ? " { __typename }" : "") + " }";
    }

    /** A literal of the type: required fields of input objects filled in, the first value of an enum. */
    private static String value(JsonNode type, Map<String, JsonNode> types, int depth) {
        switch (type.get("kind").asString()) {
            case "NON_NULL":
                return value(type.get("ofType"), types, depth);
            case "LIST":
                return "[" + value(type.get("ofType"), types, depth) + "]";
            default:
                break;
        }
        String name = type.get("name").asString();
        JsonNode definition = types.get(name);
        return switch (definition.get("kind").asString()) {
            case "ENUM" -> definition.at("/enumValues/0/name").asString();
            case "INPUT_OBJECT" -> {
                List<String> fields = new ArrayList<>();
                for (JsonNode input : definition.get("inputFields")) {
                    if (input.at("/type/kind").asString().equals("NON_NULL") && depth < 5) {
                        fields.add(SchemaFuzzer.name(input) + ": " + value(input.get("type"), types, depth + 1));
                    }
                }
                yield "{ " + String.join(", ", fields) + " }";
            }
            default ->
                switch (name) {
                    case "Int" -> "1";
                    case "Float" -> "1.0";
                    case "Boolean" -> "true";
                    case "Date" -> "\"2026-01-01\"";
                    case "DateTime" -> "\"2026-01-01T00:00:00Z\"";
                    case "Decimal" -> "\"1\"";
                    default -> "\"x\""; // ID, String, JSON
                };
        };
    }
}

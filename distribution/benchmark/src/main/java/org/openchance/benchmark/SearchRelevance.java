package org.openchance.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openchance.benchmark.RelevanceSet.Doc;
import org.openchance.benchmark.RelevanceSet.Query;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How well search finds what a user means, on the labelled set of {@link RelevanceSet}: creates its records through
 * the API of a running server with an empty database, waits until search has them all, asks every query for its
 * top 10 and prints recall@10 and MRR@10 per class of query (the targets: ≥ 0.98 and ≥ 0.95 in every class), and
 * for near-miss names how often the look-alike ranked above the right name (target: never).
 */
@Command(
        name = "search-relevance",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Recall@10 and MRR@10 of search per query class on a generated, labelled German/English set.")
public final class SearchRelevance implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double RECALL_TARGET = 0.98;
    private static final double MRR_TARGET = 0.95;
    private static final String SEARCH = "query($q: String!) { search(query: $q, first: 10) { edges { node {"
            + " ... on Opportunity { id } ... on Account { id } ... on Contact { id } ... on Activity { id } } } } }";

    @Option(names = "--graphql", required = true, description = "The server's GraphQL URL.")
    URI graphql;

    @Option(names = "--seed", defaultValue = "20261208", description = "Seed of the set. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--accounts",
            defaultValue = "400",
            description = "Accounts, each with 3 contacts, 2 deals and 4 activities. Default: ${DEFAULT-VALUE}.")
    int accounts;

    @Option(names = "--out", description = "Writes the labelled set and each query's top 10 here (JSON lines).")
    Path out;

    private final String token = System.getenv("OPENCHANCE_TOKEN");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SearchRelevance()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RelevanceSet set = new RelevanceSet(seed, accounts);
        System.out.printf(
                "Labelled set: %d records, %d queries in %d classes (seed %d)%n",
                set.docs.size(), set.queries.size(), RelevanceSet.CLASSES.size(), seed);
        long started = System.nanoTime();
        List<String> ids = load(set.docs);
        System.out.printf("Created through the API in %.1f s%n", (System.nanoTime() - started) / 1e9);
        awaitIndexed(set.docs);

        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            indexOf.put(ids.get(i), i);
        }
        Map<String, double[]> byClass = new LinkedHashMap<>(); // recall sum, reciprocal rank sum, queries, wrong-above
        RelevanceSet.CLASSES.forEach(c -> byClass.put(c, new double[4]));
        List<String> lines = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (Query query : set.queries) {
            JsonNode edges = graphql(SEARCH, Map.of("q", query.text())).at("/search/edges");
            List<Integer> top = new ArrayList<>();
            edges.forEach(e -> top.add(indexOf.getOrDefault(e.at("/node/id").asString(), -1)));
            int wanted = Math.min(query.relevant().size(), 10);
            long found = top.stream().filter(query.relevant()::contains).count();
            int firstRelevant = -1;
            for (int r = 0; r < top.size() && firstRelevant < 0; r++) {
                if (query.relevant().contains(top.get(r))) {
                    firstRelevant = r;
                }
            }
            boolean wrongAbove = false;
            int relevantBefore = 0;
            for (Integer doc : top) {
                if (query.relevant().contains(doc)) {
                    relevantBefore++;
                } else if (query.wrong().contains(doc)
                        && relevantBefore < query.relevant().size()) {
                    wrongAbove = true; // the look-alike above a record with the right name
                }
            }
            double[] sums = byClass.get(query.cls());
            sums[0] += (double) found / wanted;
            sums[1] += firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1);
            sums[2]++;
            sums[3] += wrongAbove ? 1 : 0;
            if (found < wanted || firstRelevant != 0 || wrongAbove) {
                misses.add(String.format(
                        "  %-16s %-40s found %d of %d, first relevant at %d%s; top: %s",
                        query.cls(),
                        query.text(),
                        found,
                        wanted,
                        firstRelevant + 1,
                        wrongAbove ? ", LOOK-ALIKE ABOVE" : "",
                        describe(top, query, set.docs)));
            }
            ObjectNode line = JSON.createObjectNode();
            line.put("class", query.cls()).put("query", query.text());
            line.putPOJO(
                    "relevant",
                    query.relevant().stream().map(d -> key(set.docs.get(d))).toList());
            line.putPOJO(
                    "lookAlikes",
                    query.wrong().stream().map(d -> key(set.docs.get(d))).toList());
            line.putPOJO(
                    "top10",
                    top.stream().map(d -> d < 0 ? "?" : key(set.docs.get(d))).toList());
            lines.add(JSON.writeValueAsString(line));
        }
        if (out != null) {
            Files.write(out, lines);
            System.out.println("Labelled set and results: " + out);
        }

        System.out.println();
        System.out.println("| Query class | Queries | Recall@10 | MRR@10 | Look-alike above the right name |");
        System.out.println("|---|---:|---:|---:|---:|");
        boolean met = true;
        double[] all = new double[4];
        for (Map.Entry<String, double[]> e : byClass.entrySet()) {
            double[] s = e.getValue();
            double recall = s[0] / s[2];
            double mrr = s[1] / s[2];
            met &= recall >= RECALL_TARGET && mrr >= MRR_TARGET && s[3] == 0;
            for (int i = 0; i < 4; i++) {
                all[i] += s[i];
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.3f | %.3f | %s |%n",
                    e.getKey(),
                    (int) s[2],
                    recall,
                    mrr,
                    e.getKey().equals("near-miss names") ? String.valueOf((int) s[3]) : "");
        }
        System.out.printf(
                Locale.ROOT, "| all | %d | %.3f | %.3f | %d |%n", (int) all[2], all[0] / all[2], all[1] / all[2], (int)
                        all[3]);
        if (!misses.isEmpty()) {
            System.out.println();
            System.out.println("Queries below their target (" + misses.size() + "):");
            misses.forEach(System.out::println);
        }
        System.out.println();
        System.out.println(
                met
                        ? "Every class meets recall@10 >= 0.98 and MRR@10 >= 0.95, no look-alike above the right name."
                        : "NOT MET: a class is below recall@10 0.98 or MRR@10 0.95, or a look-alike ranked above.");
        return 0;
    }

    /** Creates the records in order (accounts before what belongs to them), four requests at a time. */
    private List<String> load(List<Doc> docs) throws Exception {
        String[] ids = new String[docs.size()];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (String type : List.of("ACCOUNT", "CONTACT", "OPPORTUNITY", "ACTIVITY")) {
                List<Future<?>> done = new ArrayList<>();
                for (Doc doc : docs) {
                    if (doc.type().equals(type)) {
                        done.add(pool.submit(() -> {
                            ids[doc.index()] = create(doc, ids);
                            return null;
                        }));
                    }
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
        } finally {
            pool.shutdown();
        }
        return List.of(ids);
    }

    /** The mutation that creates a record of a type, its input type and the payload field holding the record. */
    private record Create(String mutation, String inputType, String payload) {}

    private static final Map<String, Create> CREATE = Map.of(
            "ACCOUNT", new Create("createAccount", "CreateAccountInput", "account"),
            "CONTACT", new Create("createContact", "CreateContactInput", "contact"),
            "OPPORTUNITY", new Create("createOpportunity", "CreateOpportunityInput", "opportunity"),
            "ACTIVITY", new Create("logActivity", "LogActivityInput", "activity"));

    private String create(Doc doc, String[] ids) throws IOException, InterruptedException {
        Map<String, Object> input = new LinkedHashMap<>(doc.fields());
        switch (doc.type()) {
            case "CONTACT", "OPPORTUNITY" -> input.put("accountId", ids[doc.account()]);
            case "ACTIVITY" -> input.put("opportunityId", ids[doc.parent()]);
            default -> {} // an account belongs to nothing
        }
        Create create = CREATE.get(doc.type());
        JsonNode data = graphql(
                "mutation($input: " + create.inputType() + "!) { " + create.mutation() + "(input: $input) { "
                        + create.payload() + " { id } errors { code field message } } }",
                Map.of("input", input));
        String id = data.at("/" + create.mutation() + "/" + create.payload() + "/id")
                .asString("");
        if (id.isEmpty()) {
            throw new IllegalStateException("Could not create " + doc.fields() + ": " + data);
        }
        return id;
    }

    /** Waits until search counts every record of each type (the admin sees them all). */
    private void awaitIndexed(List<Doc> docs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (String type : List.of("ACCOUNT", "CONTACT", "OPPORTUNITY", "ACTIVITY")) {
            long expected = docs.stream().filter(d -> d.type().equals(type)).count();
            while (true) {
                long count = graphql(
                                "query($t: [SearchType!]) { search(query: \"\", types: $t, first: 0) { totalCount } }",
                                Map.of("t", List.of(type)))
                        .at("/search/totalCount")
                        .asLong();
                if (count == expected) {
                    break;
                }
                if (count > expected) {
                    throw new IllegalStateException("Search has " + count + " " + type
                            + " records, more than the set's " + expected + ": the database was not empty");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Search has " + count + " of " + expected + " " + type);
                }
                Thread.sleep(200);
            }
        }
    }

    private JsonNode graphql(String query, Map<String, ?> variables) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(graphql)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200 || json.has("errors")) {
            throw new IllegalStateException("GraphQL answered " + response.statusCode() + ": " + response.body());
        }
        return json.get("data");
    }

    private static String describe(List<Integer> top, Query query, List<Doc> docs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(top.size(), 4); i++) {
            int d = top.get(i);
            String mark = query.relevant().contains(d) ? "+" : query.wrong().contains(d) ? "!" : "-";
            out.add(mark + (d < 0 ? "?" : summary(docs.get(d))));
        }
        return String.join(" | ", out);
    }

    private static String summary(Doc doc) {
        String text = doc.fields().getOrDefault("name", doc.fields().getOrDefault("subject", ""));
        if (doc.type().equals("CONTACT")) {
            text = doc.fields().get("firstName") + " " + doc.fields().get("lastName");
        }
        return doc.type().toLowerCase(Locale.ROOT) + " " + text;
    }

    private static String key(Doc doc) {
        return doc.type().toLowerCase(Locale.ROOT) + "#" + doc.index();
    }
}

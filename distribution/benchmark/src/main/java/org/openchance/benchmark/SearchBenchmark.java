package org.openchance.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.openchance.search.SearchConnection;
import org.openchance.search.index.DocType;
import org.openchance.search.index.Projections;
import org.openchance.search.query.SearchFilter;
import org.openchance.search.query.SearchRequest;
import org.openchance.search.query.SearchService;
import org.openchance.search.query.Visibility;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The search performance floor against a running server:
 * <ul>
 *   <li>{@code query}: two-word full-text queries for the top 20 opportunities, N clients through GraphQL, and as the
 *       baseline in the same run the very Elasticsearch request the server sends, straight to the cluster;</li>
 *   <li>{@code lag}: updates through GraphQL at a fixed rate, and how long until each sampled write is found by a
 *       search (outbox → indexer → refresh), p50/p99.</li>
 * </ul>
 */
@Command(
        name = "search-benchmark",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Load benchmark of search: GraphQL vs. the same query straight to Elasticsearch; index lag under writes.")
public final class SearchBenchmark implements Callable<Integer> {

    private static final long POLL_MILLIS = 50;
    /** How often the latest write becomes a sample whose lag is measured. */
    private static final long SAMPLE_MILLIS = 100;

    private static final Pattern MATCHED_QUERIES = Pattern.compile("\"matched_queries\":\\[([^\\]]*)]");

    @Option(
            names = "--graphql",
            defaultValue = "http://localhost:18080/graphql",
            description = "Default: ${DEFAULT-VALUE}.")
    URI graphql;

    @Option(
            names = "--elasticsearch",
            defaultValue = "http://127.0.0.1:29200",
            description = "Default: ${DEFAULT-VALUE}.")
    URI elasticsearch;

    @Option(names = "--index-prefix", defaultValue = "openchance-", description = "Default: ${DEFAULT-VALUE}.")
    String indexPrefix;

    @Option(
            names = "--db-url",
            defaultValue = "jdbc:postgresql://127.0.0.1:25432/openchance",
            description = "Default: ${DEFAULT-VALUE}.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Default: ${DEFAULT-VALUE}.")
    String dbUser;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--warm-up", defaultValue = "PT60S", description = "Per driver. Default: ${DEFAULT-VALUE}.")
    Duration warmUp;

    @Option(
            names = "--duration",
            defaultValue = "PT20S",
            description = "Measured, per driver. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--requests", defaultValue = "200", description = "Distinct queries. Default: ${DEFAULT-VALUE}.")
    int distinct;

    @Option(names = "--writes-per-second", defaultValue = "500", description = "For lag. Default: ${DEFAULT-VALUE}.")
    int writesPerSecond;

    @Option(
            names = "--writers",
            defaultValue = "32",
            description = "Concurrent writers for lag. Default: ${DEFAULT-VALUE}.")
    int writers;

    @Option(
            names = "--lag-warm-up",
            defaultValue = "PT60S",
            description =
                    "Writes before measuring lag (the write path's JIT; a cold server starves the indexer). Default: ${DEFAULT-VALUE}.")
    Duration lagWarmUp;

    @Option(names = "--lag-duration", defaultValue = "PT30S", description = "For lag. Default: ${DEFAULT-VALUE}.")
    Duration lagDuration;

    @Option(
            names = "--as-user",
            description =
                    "Search as this user, with the server's sharing PRIVATE (SHARING=PRIVATE search-benchmark.sh):"
                            + " the queries come from deals the user sees, and the baseline sends the same visibility filter."
                            + " Default: the token's user (the admin), who sees everything.")
    String asUser;

    @Option(
            names = "--scenarios",
            split = ",",
            defaultValue = "query,lag",
            description = "query, lag. Default: ${DEFAULT-VALUE}.")
    List<String> which;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SearchBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean failed = false;
        try (Connection db = Database.connect(dbUrl, dbUser);
                SearchConnection search = SearchConnection.open(elasticsearch, indexPrefix)) {
            System.out.printf(
                    "%,d opportunities, %,d activities; %d clients%n",
                    count(db, "opportunity"), count(db, "activity"), clients);
            printIndexSizes();
            if (which.contains("query")) {
                failed |= queries(db, new SearchService(search));
            }
            if (which.contains("lag")) {
                failed |= lag(db);
            }
        }
        return failed ? 1 : 0;
    }

    /** What the indices hold and take on disk (primaries): compound parts, sounds and prefixes cost space. */
    private void printIndexSizes() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(elasticsearch + "/_cat/indices/" + indexPrefix
                                        + "*?h=index,docs.count,pri.store.size&bytes=mb&s=index"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        System.out.println("Indices (name, documents, MB on disk):");
        response.body().lines().forEach(line -> System.out.println("  " + line));
    }

    /** Two words of an opportunity's name (its deal word and its account's first word), as a user would type them. */
    private boolean queries(Connection db, SearchService service) throws Exception {
        List<Scenario.Request> api = new ArrayList<>();
        List<Scenario.Request> direct = new ArrayList<>();
        String indices = null;
        Visibility visibility = asUser == null ? Visibility.ALL : privateVisibility(db, asUser);
        try (PreparedStatement s = db.prepareStatement(
                asUser == null
                        ? "select name from opportunity where deleted_at is null order by md5(id::text) limit ?"
                        : LINE
                                + " select name from opportunity o where deleted_at is null and (o.owner_id in (select id from"
                                + " line) or o.id in (select t.opportunity_id from opportunity_team_member t where t.user_id"
                                + " in (select id from line))) order by md5(id::text) limit ?")) {
            if (asUser != null) {
                s.setString(1, asUser);
            }
            s.setInt(asUser == null ? 1 : 2, distinct);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String[] words = rows.getString(1).split(" ");
                    String query = words[0] + " " + words[words.length - 1];
                    SearchRequest request = new SearchRequest(
                            query, Set.of(DocType.OPPORTUNITY), SearchFilter.NONE, visibility, 20, null, false, true);
                    indices = service.indices(request);
                    api.add(new Scenario.Request(graphQl(query), "\"__typename\":\"Opportunity\"", null));
                    direct.add(new Scenario.Request(service.elasticsearchJson(request), "\"_id\"", null));
                }
            }
        }
        Measurement viaApi =
                new HttpLoad(graphql, clients).run(new Scenario("search via GraphQL", api), warmUp, duration);
        Measurement viaEs = new HttpLoad(URI.create(elasticsearch + "/" + indices + "/_search"), clients)
                .run(new Scenario("search straight to Elasticsearch", direct), warmUp.dividedBy(4), duration);
        System.out.println();
        System.out.printf(
                "%-44s %-14s %10s %9s %9s %7s%n", "scenario", "driver", "req/s", "p50 ms", "p99 ms", "errors");
        row("two words, top 20 opportunities", "GraphQL", viaApi);
        row("  (" + api.size() + " distinct queries)", "Elasticsearch", viaEs);
        System.out.printf(
                "%-44s %-14s %10.2f %9.2f %9.2f%n",
                "",
                "ratio",
                viaApi.perSecond() / viaEs.perSecond(),
                viaApi.p50Millis() / viaEs.p50Millis(),
                viaApi.p99Millis() / viaEs.p99Millis());
        return viaApi.errors() > 0 || viaEs.errors() > 0;
    }

    /** The user of this e-mail address and everyone below them in the management line (ids in {@code line}). */
    private static final String LINE = "with recursive line(id) as (select id from app_user where email = ? union"
            + " select u.id from app_user u join line l on u.manager_id = l.id)";

    /**
     * What the server's rule makes of the user under PRIVATE sharing (RecordVisibility): the deals and accounts of
     * their line, and records without an owner.
     */
    private static Visibility privateVisibility(Connection db, String email) throws Exception {
        Set<String> readers = new java.util.HashSet<>();
        try (PreparedStatement s = db.prepareStatement(LINE + " select id::text from line")) {
            s.setString(1, email);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    readers.add(rows.getString(1));
                }
            }
        }
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("no user " + email);
        }
        System.out.printf("as %s under PRIVATE sharing: %d users in their line%n", email, readers.size());
        readers.add(Projections.EVERYONE);
        return Visibility.employee(readers, false, false);
    }

    private static String graphQl(String query) {
        String document = "query($q: String!) { search(query: $q, types: [OPPORTUNITY], first: 20) { totalCount"
                + " edges { score highlights { field fragment } node { __typename ... on Opportunity { id name"
                + " amount { amount currency } expectedCloseDate } } } } }";
        return "{\"query\":\"" + document.replace("\"", "\\\"") + "\",\"variables\":{\"q\":\""
                + query.replace("\"", "\\\"") + "\"}}";
    }

    /**
     * Writers update opportunities at the given rate, each write a new unique word in the description; every 100 ms
     * the latest write is taken as a sample, and every 50 ms one search asks Elasticsearch for all samples not yet
     * found. The lag counts from before the write was sent, so it includes the write itself. A sample's deal written
     * again before the first write was indexed loses its word: such a sample counts as never found.
     */
    private boolean lag(Connection db) throws Exception {
        awaitEmptyOutbox(db); // an earlier run's backlog (a plugin's listener behind) would be measured with this one
        System.out.printf(
                "Writing %d/s with %d writers: %s warm-up, then %s measured%n",
                writesPerSecond, writers, lagWarmUp, lagDuration);
        Map<UUID, Integer> versions = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("select id, version from opportunity where status = 'OPEN'"
                        + " and deleted_at is null order by md5(id::text) limit 4000");
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                versions.put(rows.getObject(1, UUID.class), rows.getInt(2));
            }
        }
        List<UUID> ids = new ArrayList<>(versions.keySet());
        String token = System.getenv("OPENCHANCE_TOKEN");
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(writers))
                .build();
        record Write(String word, long sentNanos) {}
        AtomicReference<Write> latest = new AtomicReference<>();
        AtomicLong writes = new AtomicLong();
        AtomicLong writeErrors = new AtomicLong();
        Histogram writeLatency = new SynchronizedHistogram(60_000_000L, 3);
        Histogram lag = new SynchronizedHistogram(60_000_000L, 3);
        AtomicLong lost = new AtomicLong();
        long run = System.nanoTime();
        String searchUrl = elasticsearch + "/" + indexPrefix + "opportunities/_search";

        ExecutorService writerPool = Executors.newFixedThreadPool(writers);
        long measureFrom = System.nanoTime() + lagWarmUp.toNanos();
        long end = measureFrom + lagDuration.toNanos();
        long intervalNanos = 1_000_000_000L * writers / writesPerSecond;
        for (int w = 0; w < writers; w++) {
            int writer = w;
            writerPool.submit(() -> {
                long next = System.nanoTime();
                int i = writer;
                while (System.nanoTime() < end) {
                    UUID id = ids.get(i % ids.size());
                    i += writers; // each writer has its own opportunities: no version conflicts between writers
                    String word = "lagprobe" + writer + "x" + i + "x" + (run % 100000);
                    int version = versions.get(id);
                    String body =
                            "{\"query\":\"mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input)"
                                    + " { opportunity { version } errors { code } } }\",\"variables\":{\"input\":{\"id\":\""
                                    + Workloads.globalId("Opportunity", id) + "\",\"expectedVersion\":" + version
                                    + ",\"description\":\"Stand " + word + "\"}}}";
                    long sent = System.nanoTime();
                    try {
                        HttpRequest.Builder request = HttpRequest.newBuilder(graphql)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body));
                        if (token != null) { // signed in since the security issue: without it every write was a 401
                            request.header("Authorization", "Bearer " + token);
                        }
                        HttpResponse<String> response =
                                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        boolean measured = sent >= measureFrom;
                        if (measured) {
                            writeLatency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                        }
                        if (response.statusCode() == 200 && response.body().contains("\"errors\":[]")) {
                            versions.put(id, version + 1);
                            if (measured) {
                                writes.incrementAndGet();
                                latest.set(new Write(word, sent));
                            }
                        } else {
                            writeErrors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        writeErrors.incrementAndGet();
                    }
                    next += intervalNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
                return null;
            });
        }
        // One poller for all samples still waiting: one request per poll whatever the lag (a request per sample made
        // the polling load grow with the lag it measures). Each word is a named query; a hit names the words it has.
        Map<String, Long> waiting = new LinkedHashMap<>();
        long nextSample = measureFrom;
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        while (System.nanoTime() < end || !waiting.isEmpty()) {
            long now = System.nanoTime();
            if (now < end && now >= nextSample) {
                nextSample = now + SAMPLE_MILLIS * 1_000_000;
                Write sample = latest.getAndSet(null);
                if (sample != null) {
                    waiting.put(sample.word(), sample.sentNanos());
                }
            }
            waiting.values().removeIf(sent -> {
                boolean expired = now - sent > 60_000_000_000L;
                if (expired) {
                    lost.incrementAndGet();
                }
                return expired;
            });
            if (!waiting.isEmpty()) {
                StringBuilder should = new StringBuilder();
                for (String word : waiting.keySet()) {
                    should.append(should.isEmpty() ? "" : ",")
                            .append("{\"term\":{\"body_exact\":{\"value\":\"")
                            .append(word)
                            .append("\",\"_name\":\"")
                            .append(word)
                            .append("\"}}}");
                }
                String query = "{\"size\":" + waiting.size() + ",\"_source\":false,\"query\":{\"bool\":{\"should\":["
                        + should + "]}}}";
                HttpResponse<String> response;
                try {
                    response = http.send(
                            HttpRequest.newBuilder(URI.create(searchUrl))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(query))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) { // a poll that failed: the samples wait for the next one
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                long answered = System.nanoTime();
                Matcher matched = MATCHED_QUERIES.matcher(response.body());
                while (matched.find()) {
                    for (String name : matched.group(1).replace("\"", "").split(",")) {
                        Long sent = waiting.remove(name);
                        if (sent != null) {
                            lag.recordValue(Math.max(1, (answered - sent) / 1000));
                        }
                    }
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        writerPool.shutdown();
        writerPool.awaitTermination(1, TimeUnit.MINUTES);
        Backlog backlog = backlog(db);
        double seconds = lagDuration.toNanos() / 1e9;
        System.out.println();
        System.out.printf(
                "index lag: %,d writes in %.0f s (%.0f writes/s, target %d), write p50 %.1f ms p99 %.1f ms, %d failed%n",
                writes.get(),
                seconds,
                writes.get() / seconds,
                writesPerSecond,
                writeLatency.getValueAtPercentile(50) / 1000.0,
                writeLatency.getValueAtPercentile(99) / 1000.0,
                writeErrors.get());
        System.out.printf(
                "  write → found by search: %d samples, p50 %.0f ms, p99 %.0f ms, max %.0f ms, %d never found%n",
                lag.getTotalCount(),
                lag.getValueAtPercentile(50) / 1000.0,
                lag.getValueAtPercentile(99) / 1000.0,
                lag.getMaxValue() / 1000.0,
                lost.get());
        System.out.println("  outbox after the writes (listener: events waiting, oldest in s): " + backlog);
        return lost.get() > 0 || writeErrors.get() > 0;
    }

    /**
     * Waits (at most ten minutes) until no listener has events waiting, or until the backlog stops moving for 30 s: a
     * listener that is not running here (a plugin in safe mode) never takes its events.
     */
    private static void awaitEmptyOutbox(Connection db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        Backlog backlog;
        Map<String, Long> before = null;
        int unchanged = 0;
        while (!(backlog = backlog(db)).waiting().isEmpty() && System.nanoTime() < deadline) {
            unchanged = backlog.waiting().equals(before) ? unchanged + 1 : 0;
            if (unchanged == 6) {
                System.out.println(
                        "The outbox does not move (listeners not running here?), measuring anyway: " + backlog);
                return;
            }
            before = backlog.waiting();
            System.out.println("Waiting for the outbox to empty: " + backlog);
            Thread.sleep(5_000);
        }
    }

    /** Each listener's waiting events, and as text with the age of its oldest: {@code search-index 120 (2 s)}. */
    private record Backlog(Map<String, Long> waiting, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static Backlog backlog(Connection db) throws Exception {
        Map<String, Long> waiting = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        try (Statement s = db.createStatement();
                ResultSet rows =
                        s.executeQuery("select p.listener, count(*), extract(epoch from now() - min(e.occurred_at))"
                                + " from event_pending p join domain_event e on e.id = p.event_id where not p.dead"
                                + " group by p.listener order by p.listener")) {
            while (rows.next()) {
                String listener = rows.getString(1).replace("plugin:org.openchance.plugins.", "");
                waiting.put(listener, rows.getLong(2));
                text.append(text.isEmpty() ? "" : ", ")
                        .append(listener)
                        .append(' ')
                        .append(rows.getLong(2))
                        .append(String.format(" (%.0f s)", rows.getDouble(3)));
            }
        }
        return new Backlog(waiting, text.toString());
    }

    private static void row(String scenario, String driver, Measurement m) {
        System.out.printf(
                "%-44s %-14s %10.0f %9.2f %9.2f %7d%n",
                scenario, driver, m.perSecond(), m.p50Millis(), m.p99Millis(), m.errors());
    }

    private static long count(Connection db, String table) throws Exception {
        try (ResultSet rows = db.createStatement().executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.GetResponse;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.search.SearchConnection;
import org.openchance.search.index.DocRef;
import org.openchance.search.index.DocType;
import org.openchance.search.index.Projections;
import org.openchance.search.index.Reindexer;
import org.openchance.search.index.SearchDocument;
import org.openchance.search.index.SearchIndexer;
import org.openchance.search.index.SearchIndices;
import org.openchance.server.event.EventDispatcher;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.search.SearchIndicesOnStart;
import org.openchance.store.search.SearchSources;
import org.openchance.store.search.SourceType;
import org.openchance.testkit.TcpProxy;
import org.openchance.testkit.TestServices;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Search end to end: GraphQL writes → outbox → real Elasticsearch → GraphQL search. Elasticsearch is reached
 * through a {@link TcpProxy}, so one test can take it away. Opportunities are shared PRIVATE (owner, managers, team).
 */
@ServerTest(
        properties = {
            "openchance.security.sharing.opportunities=PRIVATE",
            "openchance.events.poll-interval=100ms",
            "openchance.events.retry-base=100ms",
            "openchance.events.unavailable-retry=200ms",
            "openchance.reminders.poll-interval=1h"
        })
class SearchIT {

    static final TcpProxy ELASTICSEARCH = proxy();

    /** graphql/search.graphql: hits of every type with highlights, and every facet. */
    static final String SEARCH_QUERY = GraphQlClient.document("search");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("openchance.search.url", () -> ELASTICSEARCH.url().toString()); // through the proxy
    }

    static TcpProxy proxy() {
        try {
            return new TcpProxy(TestServices.elasticsearch());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void closeProxy() throws IOException {
        ELASTICSEARCH.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SearchSources sources;

    @Autowired
    SearchConnection connection;

    @Autowired
    SearchIndices indices;

    @Autowired
    SearchIndexer indexer;

    @Autowired
    Reindexer reindexer;

    @Autowired
    EventDispatcher dispatcher;

    @Autowired
    SearchIndicesOnStart startup;

    GraphQlClient api;

    @BeforeEach
    void setUp() {
        ELASTICSEARCH.set(TcpProxy.Mode.UP);
        await().atMost(Duration.ofSeconds(60)).until(startup::ready); // indices created and filled
        // Records made here are owned by a named employee (an admin too), not by the start-up admin.
        api = new GraphQlClient(port).fixtures().signedInEmployee("Sina Suche", "sina@example.com");
    }

    @Test
    void forgivesTyposUmlautsAndCaseFindsPrefixesWordFormsAndPhrases() {
        String account = account("Brünninghaus Maschinenbau GmbH", Map.of("industry", "Maschinenbau"));
        String deal = opportunity(
                "Fräsmaschinen Modernisierung",
                account,
                Map.of("description", "Lieferung an die Hauptstraße 7, Abnahme durch Herrn Brünninghaus"));
        awaitTotal("\"Abnahme durch\"", 1);
        awaitTotal("brunninghaus", 2); // the account too: each index refreshes on its own clock

        assertThat(ids(search("maschienenbau", "ACCOUNT"))).containsExactly(account); // typo
        assertThat(ids(search("masch", null))).contains(account, deal); // prefix while typing
        for (String spelling : List.of("brunninghaus", "bruenninghaus", "BRÜNNINGHAUS", "Brünnighaus")) {
            assertThat(ids(search(spelling, "ACCOUNT"))).as(spelling).containsExactly(account);
        }
        assertThat(ids(search("hauptstrasse", null))).containsExactly(deal); // ß = ss
        assertThat(ids(search("Fräsmaschine", null))).containsExactly(deal); // German word form
        assertThat(ids(search("\"Abnahme durch\"", null))).containsExactly(deal); // phrase
        assertThat(ids(search("\"durch Abnahme\"", null))).isEmpty(); // not the phrase
        assertThat(ids(search("Modernisierung Hauptstrasse", null))).containsExactly(deal); // every word must match
        assertThat(ids(search("Modernisierung Xylophon", null))).isEmpty();
    }

    @Test
    void findsPartsOfCompoundWordsPrefixesOfAnyWordAndSoundAlikesBelowWholeWords() {
        String account = account("Kompressoren Schulte KG", Map.of());
        String service = opportunity(
                "Servicevertrag 2027",
                account,
                Map.of(
                        "description",
                        "Wartung des Schraubenverdichters und der Druckluftanlage, Wärmebildkamera-Prüfung der"
                                + " Photovoltaikanlage"));
        String exchange = opportunity("Verdichter Austausch", account, Map.of());
        awaitTotal("schulte", 3);

        // a part of a compound word finds it, below the record with the whole word (in its name); deals only here,
        // another test's accounts have compound words too
        JsonNode verdichter = search("verdichter", "OPPORTUNITY");
        assertThat(ids(verdichter)).containsExactly(exchange, service);
        assertThat(verdichter.at("/edges/1/highlights/0/fragment").asString())
                .contains("<em>Schraubenverdichters</em>");
        assertThat(ids(search("druckluft", "OPPORTUNITY"))).containsExactly(service); // two of three parts
        assertThat(ids(search("Anlage Schulte", null))).contains(service); // a trailing part, with another word

        // the word being typed is a prefix of any word, notes and descriptions included
        assertThat(ids(search("wärmebil", "OPPORTUNITY"))).containsExactly(service);
        assertThat(ids(search("photovolt", "OPPORTUNITY"))).containsExactly(service);
        assertThat(ids(search("wärmebil ", "OPPORTUNITY"))).isEmpty(); // finished words are no prefixes

        // spelled as it sounds: found when nothing is spelled so
        assertThat(ids(search("Fotovoltaik", "OPPORTUNITY"))).containsExactly(service);
        String maier = account("Maier Elektrotechnik", Map.of());
        String meyer = account("Meyer Feinmechanik", Map.of());
        awaitTotal("feinmechanik", 1);
        awaitTotal("elektrotechnik maier", 1);
        assertThat(ids(search("Meyer", "ACCOUNT"))).containsExactly(meyer); // the right name: the others not at all
        assertThat(ids(search("Mayer", "ACCOUNT"))).containsExactlyInAnyOrder(maier, meyer); // unsure: both
        assertThat(ids(search("Mayer Elektrotechnik", "ACCOUNT"))).containsExactly(maier);
        // a typo that reads like "oe" for "ö" ("Loenz": Lorenz without its r) is still a typo
        String lorenz = account("Lorenz Antriebstechnik", Map.of());
        awaitTotal("antriebstechnik", 1);
        assertThat(ids(search("Loenz", "ACCOUNT"))).containsExactly(lorenz);
    }

    @Test
    void anIndexAnOlderVersionBuiltGetsTodaysFieldsAndIsRebuilt() throws Exception {
        String before = account("Altbestand Kältemittelkreislauf GmbH", Map.of());
        awaitTotal("altbestand", 1);
        // the accounts' index as the version before compound parts and sounds built it: no _meta, fewer fields
        ObjectNode mapping = (ObjectNode) new ObjectMapper()
                .readTree(SearchIndices.class.getResourceAsStream("/org/openchance/search/index.json"));
        ObjectNode mappings = (ObjectNode) mapping.get("mappings");
        mappings.remove("_meta");
        ((ObjectNode) mappings.get("properties")).remove(List.of("parts", "sounds"));
        String old = indices.alias(DocType.ACCOUNT) + "-older";
        connection.client().indices().create(c -> c.index(old).withJson(new StringReader(mapping.toString())));
        indices.swap(DocType.ACCOUNT, old); // the accounts are gone from search with the index swapped out
        assertThat(search("altbestand", "ACCOUNT").get("totalCount").asInt()).isZero();

        assertThat(indices.upgradeOutdated()).containsExactly(DocType.ACCOUNT);
        assertThat(connection
                        .client()
                        .indices()
                        .getMapping(g -> g.index(old))
                        .get(old)
                        .mappings()
                        .properties())
                .containsKeys("parts", "sounds");
        // meanwhile the old index takes today's documents (its mapping is strict)
        String during = account("Zwischenzeit Druckluftanlagen AG", Map.of());
        awaitTotal("zwischenzeit", 1);
        assertThat(ids(search("druckluft", "ACCOUNT"))).contains(during);

        reindexer.rebuild(List.of(DocType.ACCOUNT), progress -> {});
        assertThat(indices.upgradeOutdated()).isEmpty();
        assertThat(ids(search("kältemittel", "ACCOUNT"))).containsExactly(before);
        assertThat(ids(search("druckluft", "ACCOUNT"))).contains(during);
    }

    @Test
    void namesRankAboveBodyTextAndHitsComeHighlightedWithFacets() {
        String account = account("Rangfolge AG", Map.of("industry", "Anlagenbau"));
        String inName = opportunity(
                "Zyklonabscheider Projekt",
                account,
                Map.of("amount", money("75000.00"), "expectedCloseDate", "2027-03-15"));
        String inBody = opportunity(
                "Filteranlage",
                account,
                Map.of(
                        "amount",
                        money("5000.00"),
                        "expectedCloseDate",
                        "2027-04-01",
                        "description",
                        "mit <Zyklonabscheider> & Gebläse"));
        JsonNode result = awaitTotal("zyklonabscheider", 2);

        assertThat(ids(result)).containsExactly(inName, inBody);
        JsonNode first = result.at("/edges/0");
        assertThat(first.at("/highlights/0/field").asString()).isEqualTo("name");
        assertThat(first.at("/highlights/0/fragment").asString()).isEqualTo("<em>Zyklonabscheider</em> Projekt");
        assertThat(result.at("/edges/1/highlights/0").get("fragment").asString())
                .isEqualTo("mit &lt;<em>Zyklonabscheider</em>&gt; &amp; Gebläse"); // the rest is escaped

        JsonNode facets = result.get("facets");
        assertThat(buckets(facets.get("types"))).containsExactly(Map.entry("OPPORTUNITY", 2L));
        assertThat(buckets(facets.get("statuses"))).containsExactly(Map.entry("OPEN", 2L));
        assertThat(buckets(facets.get("amounts")))
                .contains(Map.entry("0-10000", 1L), Map.entry("50000-100000", 1L), Map.entry("10000-50000", 0L));
        assertThat(buckets(facets.get("closeMonths")))
                .containsExactly(Map.entry("2027-03", 1L), Map.entry("2027-04", 1L));
        assertThat(buckets(facets.get("industries"))).containsExactly(Map.entry("Anlagenbau", 2L));
        assertThat(facets.at("/stages/0/label").asString()).isEqualTo("Prospecting");
        assertThat(facets.at("/stages/0/count").asLong()).isEqualTo(2);
        assertThat(facets.at("/owners/0/label").asString()).isEqualTo("Sina Suche");

        // a facet value filters
        JsonNode filtered = api.data(
                        SEARCH_QUERY,
                        Map.of(
                                "q",
                                "zyklonabscheider",
                                "filter",
                                Map.of(
                                        "amountMin",
                                        "10000",
                                        "stageIds",
                                        List.of(facets.at("/stages/0/value").asString()))))
                .get("search");
        assertThat(ids(filtered)).containsExactly(inName);
        assertThat(filtered.at("/facets/types/0/count").asLong()).isEqualTo(1);

        JsonNode umlaut = search("brunninghaus", null);
        assertThat(umlaut.toString()).doesNotContain("<em>brunninghaus</em>"); // highlights show the original text
    }

    @Test
    void visibilityHidesOthersRecordsFromHitsAndFacetsUntilOnTheirTeam() throws IOException {
        String other = api.createEmployee("Olga Andere", "olga@example.com");
        String sven = api.createEmployee("Sven Verkauf", "sven@example.com");
        GraphQlClient asSven = api.fixtures().signedIn(sven); // SALES: sees his own deals and his teams'
        String account = account("Quarzwerk KG", Map.of("ownerId", other));
        String secret = opportunity("Quarzsand Lieferung", account, Map.of("ownerId", other));
        String mine = opportunity("Quarzsand Eigenbedarf", account, Map.of("ownerId", sven));
        awaitTotal("quarzsand", 2); // both indexed: the admin sees both
        JsonNode visible = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> searchAs(asSven, "quarzsand", null),
                        r -> r.path("totalCount").asLong() == 1);
        assertThat(ids(visible)).containsExactly(mine);
        assertThat(buckets(visible.at("/facets/types"))).containsExactly(Map.entry("OPPORTUNITY", 1L));
        assertThat(buckets(visible.at("/facets/owners")).values()).containsExactly(1L);
        // indexed all the same: it is the filter that hides it
        GetResponse<Map> doc = connection
                .client()
                .get(
                        g -> g.index(indices.alias(DocType.OPPORTUNITY))
                                .id(GlobalId.decode(secret, "Opportunity")
                                        .orElseThrow()
                                        .toString()),
                        Map.class);
        assertThat(doc.found()).isTrue();
        // and every GraphQL path hides it as well: by id, through node, in lists and their counts
        String reads = "query($id: ID!) { opportunity(id: $id) { id } node(id: $id) { id }"
                + " opportunities(first: 10) { totalCount edges { node { id } } } }";
        JsonNode hidden = asSven.data(reads, Map.of("id", secret));
        assertThat(hidden.get("opportunity").isNull()).isTrue();
        assertThat(hidden.get("node").isNull()).isTrue();
        assertThat(hidden.at("/opportunities/totalCount").asLong()).isEqualTo(1);
        assertThat(hidden.at("/opportunities/edges/0/node/id").asString()).isEqualTo(mine);
        // accounts are shared with every employee (their default): Sven finds it, once it is indexed (only the two
        // deals were waited for above)
        JsonNode accounts = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> searchAs(asSven, "Quarzwerk", "ACCOUNT"),
                        r -> r.path("totalCount").asLong() > 0);
        assertThat(ids(accounts)).containsExactly(account);

        api.ok(
                "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { opportunity { id } errors { code } } }",
                "addTeamMember",
                Map.of("opportunityId", secret, "userId", sven, "role", "Technik", "access", "READ"));
        assertThat(asSven.data(reads, Map.of("id", secret))
                        .at("/opportunity/id")
                        .asString())
                .isEqualTo(secret); // at once in PostgreSQL
        JsonNode both = await().atMost(Duration.ofSeconds(5)) // within seconds in search
                .until(
                        () -> searchAs(asSven, "quarzsand", null),
                        r -> r.path("totalCount").asLong() == 2);
        assertThat(ids(both)).containsExactlyInAnyOrder(mine, secret);
        // READ access: he sees the deal but may not change it
        JsonNode refused = asSven.data(
                        "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) {"
                                + " opportunity { id } errors { code } } }",
                        Map.of("input", Map.of("id", secret, "expectedVersion", 1, "name", "Übernommen")))
                .get("updateOpportunity");
        assertThat(refused.at("/errors/0/code").asString()).isEqualTo("FORBIDDEN");

        api.ok(
                "mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { opportunity { id } errors { code } } }",
                "removeTeamMember",
                Map.of("opportunityId", secret, "userId", sven));
        assertThat(asSven.data(reads, Map.of("id", secret)).get("opportunity").isNull())
                .isTrue(); // gone at once
        await().atMost(Duration.ofSeconds(5)) // and from search within 5 s
                .until(() ->
                        searchAs(asSven, "quarzsand", null).path("totalCount").asLong() == 1);
    }

    private JsonNode searchAs(GraphQlClient client, String q, String type) {
        Map<String, Object> vars = new HashMap<>(Map.of("q", q));
        if (type != null) {
            vars.put("types", List.of(type));
        }
        return client.data(SEARCH_QUERY, vars).get("search");
    }

    @Test
    void pagesWalkEveryHitOnceAndLimitsAreEnforced() {
        String account = account("Seitenweise GmbH", Map.of());
        for (int i = 0; i < 7; i++) {
            opportunity("Paginierprojekt " + i, account, Map.of());
        }
        awaitTotal("paginierprojekt", 7);
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> vars = new HashMap<>(Map.of("q", "paginierprojekt", "first", 3));
            if (after != null) {
                vars.put("after", after);
            }
            JsonNode page = api.data(SEARCH_QUERY, vars).get("search");
            for (String id : ids(page)) {
                assertThat(seen.add(id)).as("seen twice: " + id).isTrue();
            }
            after = page.at("/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/pageInfo/endCursor").asString()
                    : null;
            pages++;
        } while (after != null);
        assertThat(seen).hasSize(7);
        assertThat(pages).isEqualTo(3);

        assertThat(error(Map.of("q", "x", "first", 101))).isEqualTo("VALIDATION");
        assertThat(error(Map.of("q", "x".repeat(201)))).isEqualTo("VALIDATION");
        assertThat(error(Map.of("q", "x", "after", "bm9wZQ"))).isEqualTo("VALIDATION");
        assertThat(error(Map.of("q", "x", "filter", Map.of("stageIds", List.of("nonsense")))))
                .isEqualTo("VALIDATION");
    }

    @Test
    void writesSucceedWhileElasticsearchIsDownAndAppearAfterItReturns() {
        String account = account("Ausfall GmbH", Map.of());
        awaitTotal("ausfall", 1);

        long before = jdbc.queryForObject("select coalesce(max(id), 0) from domain_event", Long.class);
        ELASTICSEARCH.set(TcpProxy.Mode.DOWN);
        String deal = opportunity("Notstromaggregat Ausfallsicher", account, Map.of()); // the write succeeds
        long started = System.nanoTime();
        assertThat(error(Map.of("q", "notstromaggregat"))).isEqualTo("SEARCH_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) dispatcher.backlog("search-index").get("pending")).longValue() > 0
                        && jdbc.queryForObject(
                                        "select count(*) from event_pending where"
                                                + " listener = 'search-index' and last_error is not null and event_id > ?",
                                        Long.class,
                                        before)
                                > 0);
        // waiting for Elasticsearch is not a failure of the event: no tries counted, no dead letter
        assertThat(jdbc.queryForObject(
                        "select coalesce(max(attempts), 0) from event_pending where listener = 'search-index'"
                                + " and event_id > ?",
                        Integer.class,
                        before))
                .isZero();

        ELASTICSEARCH.set(TcpProxy.Mode.HANG); // overloaded: answers nothing
        started = System.nanoTime();
        assertThat(error(Map.of("q", "notstromaggregat"))).isEqualTo("SEARCH_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));

        ELASTICSEARCH.set(TcpProxy.Mode.UP);
        assertThat(ids(awaitTotal("notstromaggregat", 1))).containsExactly(deal);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) dispatcher.backlog("search-index").get("pending")).longValue() == 0);
    }

    @Test
    void duplicateAndLateDeliveriesLeaveTheNewestVersion() throws Exception {
        String account = account("Versionen OHG", Map.of());
        String deal = opportunity("Versionstest Alpha", account, Map.of());
        awaitTotal("versionstest alpha", 1);
        UUID id = GlobalId.decode(deal, "Opportunity").orElseThrow();
        SearchDocument old = Projections.document(
                sources.load(Map.of(SourceType.OPPORTUNITY, List.of(id))).rows().get(0));
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "updateOpportunity",
                Map.of(
                        "id",
                        deal,
                        "expectedVersion",
                        old.version() - versionOfAccount(account),
                        "name",
                        "Versionstest Beta"));
        awaitTotal("versionstest beta", 1);

        Map<DocType, List<String>> live = Map.of(DocType.OPPORTUNITY, List.of(indices.alias(DocType.OPPORTUNITY)));
        assertThat(indexer.write(List.of(old), List.of(), live)).isEmpty(); // late: refused as older, not an error
        assertThat(indexer.write(List.of(old), List.of(), live)).isEmpty(); // and again
        assertThat(indexer.index(List.of(new DocRef(DocType.OPPORTUNITY, id), new DocRef(DocType.OPPORTUNITY, id))))
                .isEmpty();
        GetResponse<Map> doc = connection
                .client()
                .get(g -> g.index(indices.alias(DocType.OPPORTUNITY)).id(id.toString()), Map.class);
        assertThat(((Map<?, ?>) doc.source().get("original")).get("name")).isEqualTo("Versionstest Beta");
        assertThat(doc.version()).isEqualTo(old.version() + 1);
        assertThat(ids(search("versionstest alpha", null))).isEmpty();
    }

    @Test
    void aRebuildUnderConcurrentWritesLosesNothing() throws Exception {
        String account = account("Umbau AG", Map.of());
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            deals.add(opportunity("Umbauprojekt " + i, account, Map.of("description", "Stand 0")));
        }
        awaitTotal("umbauprojekt", 30);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger updates = new AtomicInteger();
        Thread writer = new Thread(() -> {
            int round = 1;
            while (writing.get()) {
                for (String deal : deals) {
                    int version = api.data("query($id: ID!) { opportunity(id: $id) { version } }", Map.of("id", deal))
                            .at("/opportunity/version")
                            .asInt();
                    api.ok(
                            "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                            "updateOpportunity",
                            Map.of("id", deal, "expectedVersion", version, "description", "Stand " + round));
                    updates.incrementAndGet();
                }
                round++;
            }
        });
        writer.start();
        try {
            await().until(() -> updates.get() > 10);
            Map<DocType, Long> rebuilt = reindexer.rebuild(List.of(DocType.values()), progress -> {});
            assertThat(rebuilt.get(DocType.OPPORTUNITY)).isGreaterThanOrEqualTo(30);
            await().until(() -> updates.get() > 60); // writes go on after the swap
        } finally {
            writing.set(false);
            writer.join();
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String deal : deals) {
                UUID id = GlobalId.decode(deal, "Opportunity").orElseThrow();
                String expected =
                        jdbc.queryForObject("select description from opportunity where id = ?", String.class, id);
                GetResponse<Map> doc = connection
                        .client()
                        .get(g -> g.index(indices.alias(DocType.OPPORTUNITY)).id(id.toString()), Map.class);
                assertThat(doc.found()).isTrue();
                assertThat(((Map<?, ?>) doc.source().get("original")).get("description"))
                        .as(deal)
                        .isEqualTo(expected);
            }
        });
        assertThat(jdbc.queryForObject("select count(*) from search_index_build", Integer.class))
                .isZero();
        assertThat(connection
                        .client()
                        .indices()
                        .getAlias(g -> g.name(indices.alias(DocType.OPPORTUNITY)))
                        .aliases())
                .hasSize(1);
    }

    @Test
    void aFailedItemOfABulkRequestIsRetriedNotTakenAsDone() throws IOException {
        String account = account("Sperrfirma SE", Map.of());
        awaitTotal("sperrfirma", 1);
        String contacts = indices.alias(DocType.CONTACT);
        connection.client().indices().putSettings(p -> p.index(contacts).settings(s -> s.blocks(b -> b.write(true))));
        try {
            String blocked = api.ok(
                            "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                            "createContact",
                            Map.of("accountId", account, "lastName", "Blockadewitz"))
                    .at("/contact/id")
                    .asString();
            opportunity("Sperrfirma Durchlauf", account, Map.of()); // same batches, other index: goes through
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from event_pending"
                                            + " where listener = 'search-index' and attempts > 0 and last_error like '%block%'",
                                    Long.class)
                            > 0);
            awaitTotal("sperrfirma durchlauf", 1);
            connection.client().indices().putSettings(p -> p.index(contacts)
                    .settings(s -> s.blocks(b -> b.write(false))));
            assertThat(ids(awaitTotal("blockadewitz", 1))).containsExactly(blocked);
        } finally {
            connection.client().indices().putSettings(p -> p.index(contacts)
                    .settings(s -> s.blocks(b -> b.write(false))));
        }
    }

    @Test
    void healthShowsTheIndexLag() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/search"))
                                .header("Authorization", "Bearer " + api.token()) // the details are for admins
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.body())
                .contains("\"index\"")
                .contains("\"pending\"")
                .contains("\"lagSeconds\"")
                .contains("\"indicesReady\":true");
    }

    @Test
    void aChangeTheIndexGaveUpOnShowsSearchOutOfStepUntilAnAdminReplaysIt() throws Exception {
        String deal = opportunity("Ausfallprojekt", account("Ausfall AG", Map.of()), Map.of());
        awaitTotal("ausfallprojekt", 1);
        String uuid = GlobalId.decode(deal, "Opportunity").orElseThrow().toString();
        long event =
                jdbc.queryForObject("select max(id) from domain_event where aggregate_id = ?::uuid", Long.class, uuid);
        // what the indexer leaves after its last failed try (per-document refusals: a full disk, say)
        jdbc.update(
                "insert into event_pending (listener, event_id, aggregate_id, attempts, dead, last_error)"
                        + " values ('search-index', ?, ?::uuid, 8, true, 'disk full') on conflict (listener, event_id)"
                        + " do update set dead = true, attempts = 8, last_error = 'disk full'",
                event,
                uuid);
        HttpResponse<String> outOfStep = searchHealth();
        assertThat(outOfStep.body()).contains("\"status\":\"OUT_OF_STEP\"").contains("replayDeadLetters");
        // the server as a whole stays in its load balancer: the cause is shared by every server, not this one's
        assertThat(outOfStep.statusCode()).isEqualTo(200);
        assertThat(tools.jackson.databind.json.JsonMapper.shared()
                        .readTree(health("/actuator/health").body())
                        .get("status")
                        .asString())
                .isEqualTo("UP");

        JsonNode replayed = api.data(
                        "mutation { replayDeadLetters(input: { listener: \"search-index\" }) { replayed errors { code } } }",
                        Map.of())
                .get("replayDeadLetters");
        assertThat(replayed.get("replayed").asInt()).as(replayed.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> searchHealth().body().contains("\"status\":\"UP\""));
        assertThat(searchHealth().body()).doesNotContain("outOfStep");
        assertThat(ids(awaitTotal("ausfallprojekt", 1))).containsExactly(deal);
    }

    @Test
    void theConsistencyCheckFindsMissingStaleAndExtraDocumentsAndTheRepairRewritesThem() throws Exception {
        String account = account("Abgleich KG", Map.of());
        String deal = opportunity("Abgleichprojekt", account, Map.of());
        String ahead = opportunity("Abgleichvorsprung", account, Map.of());
        String contact = api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                        "createContact",
                        Map.of("accountId", account, "lastName", "Abgleichmann"))
                .at("/contact/id")
                .asString();
        awaitTotal("abgleichprojekt", 1);
        awaitTotal("abgleichvorsprung", 1);
        awaitTotal("abgleichmann", 1);
        JsonNode cleared = repairSearchIndex(); // whatever earlier tests left differing
        assertThat(cleared.at("/after/consistent").asBoolean())
                .as(cleared.toString())
                .isTrue();

        // missing: the deal's document removed behind the server's back
        UUID dealId = GlobalId.decode(deal, "Opportunity").orElseThrow();
        long dealVersion = connection
                .client()
                .get(g -> g.index(indices.alias(DocType.OPPORTUNITY)).id(dealId.toString()), Map.class)
                .version();
        connection.client().delete(d -> d.index(indices.alias(DocType.OPPORTUNITY))
                .id(dealId.toString())
                .version(dealVersion) // as a lost document: nothing newer in its place
                .versionType(co.elastic.clients.elasticsearch._types.VersionType.ExternalGte));
        // ahead: an opportunity's document of a version above its record's (an index restored from a later backup)
        UUID aheadId = GlobalId.decode(ahead, "Opportunity").orElseThrow();
        GetResponse<Map> aheadDoc = connection
                .client()
                .get(g -> g.index(indices.alias(DocType.OPPORTUNITY)).id(aheadId.toString()), Map.class);
        connection.client().index(i -> i.index(indices.alias(DocType.OPPORTUNITY))
                .id(aheadId.toString())
                .version(aheadDoc.version() + 5)
                .versionType(co.elastic.clients.elasticsearch._types.VersionType.ExternalGte)
                .document(aheadDoc.source()));
        // stale: the contact's document, at its own version, shown to someone else
        UUID contactId = GlobalId.decode(contact, "Contact").orElseThrow();
        GetResponse<Map> contactDoc = connection
                .client()
                .get(g -> g.index(indices.alias(DocType.CONTACT)).id(contactId.toString()), Map.class);
        Map<String, Object> strangers = new HashMap<>(contactDoc.source());
        strangers.put("visible_to", List.of(UUID.randomUUID().toString()));
        connection.client().index(i -> i.index(indices.alias(DocType.CONTACT))
                .id(contactId.toString())
                .version(contactDoc.version())
                .versionType(co.elastic.clients.elasticsearch._types.VersionType.ExternalGte)
                .document(strangers));
        // extra: a document of an account that does not exist
        UUID accountId = GlobalId.decode(account, "Account").orElseThrow();
        UUID ghost = UUID.randomUUID();
        Map<String, Object> ghostDoc = new HashMap<>(connection
                .client()
                .get(g -> g.index(indices.alias(DocType.ACCOUNT)).id(accountId.toString()), Map.class)
                .source());
        ghostDoc.put("id", ghost.toString());
        connection.client().index(i -> i.index(indices.alias(DocType.ACCOUNT))
                .id(ghost.toString())
                .document(ghostDoc));
        connection
                .client()
                .indices()
                .refresh(r -> r.index(
                        indices.alias(DocType.OPPORTUNITY),
                        indices.alias(DocType.CONTACT),
                        indices.alias(DocType.ACCOUNT)));

        JsonNode check = api.data(
                        "{ searchConsistency { checkedAt consistent types { type records documents missing stale extra examples } } }",
                        Map.of())
                .get("searchConsistency");
        assertThat(java.time.OffsetDateTime.parse(check.get("checkedAt").asString()))
                .isBetween(java.time.OffsetDateTime.now().minusMinutes(1), java.time.OffsetDateTime.now());
        assertThat(check.get("consistent").asBoolean()).isFalse();
        Map<String, JsonNode> byType = new HashMap<>();
        check.get("types").forEach(t -> byType.put(t.get("type").asString(), t));
        assertThat(byType.keySet()).containsExactlyInAnyOrder("OPPORTUNITY", "ACCOUNT", "CONTACT", "ACTIVITY");
        JsonNode opportunities = byType.get("OPPORTUNITY");
        assertThat(List.of(
                        opportunities.get("missing").asInt(),
                        opportunities.get("stale").asInt(),
                        opportunities.get("extra").asInt()))
                .as(opportunities.toString())
                .containsExactly(1, 1, 0);
        assertThat(opportunities.get("examples").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(deal, ahead);
        long liveDeals = jdbc.queryForObject("select count(*) from opportunity where deleted_at is null", Long.class);
        assertThat(opportunities.get("records").asLong()).isEqualTo(liveDeals);
        assertThat(opportunities.get("documents").asLong()).isEqualTo(liveDeals - 1);
        JsonNode contacts = byType.get("CONTACT");
        assertThat(List.of(
                        contacts.get("missing").asInt(),
                        contacts.get("stale").asInt(),
                        contacts.get("extra").asInt()))
                .as(contacts.toString())
                .containsExactly(0, 1, 0);
        assertThat(contacts.get("examples").get(0).asString()).isEqualTo(contact);
        JsonNode accounts = byType.get("ACCOUNT");
        assertThat(List.of(
                        accounts.get("missing").asInt(),
                        accounts.get("stale").asInt(),
                        accounts.get("extra").asInt()))
                .as(accounts.toString())
                .containsExactly(0, 0, 1);
        assertThat(accounts.get("examples").get(0).asString()).isEqualTo(GlobalId.of("Account", ghost));
        assertThat(accounts.get("documents").asLong())
                .isEqualTo(accounts.get("records").asLong() + 1);
        assertThat(byType.get("ACTIVITY").get("examples")).isEmpty();

        // while a repair runs elsewhere (its lock held by another session), a second one is refused at once
        try (java.sql.Connection other = jdbc.getDataSource().getConnection();
                java.sql.Statement lock = other.createStatement()) {
            lock.execute("select pg_advisory_lock(hashtext('openchance-search-repair'))");
            try {
                long asked = System.nanoTime();
                JsonNode running = repairSearchIndex();
                assertThat(running.at("/errors/0/code").asText()).isEqualTo("REPAIR_RUNNING");
                assertThat(running.get("repaired").isNull()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
            } finally {
                lock.execute("select pg_advisory_unlock(hashtext('openchance-search-repair'))");
            }
        }

        JsonNode repair = repairSearchIndex();
        assertThat(repair.get("repaired").asInt()).as(repair.toString()).isEqualTo(4);
        assertThat(repair.at("/before/consistent").asBoolean()).isFalse();
        assertThat(repair.at("/after/consistent").asBoolean())
                .as(repair.toString())
                .isTrue();
        assertThat(ids(awaitTotal("abgleichprojekt", 1))).containsExactly(deal);
        assertThat(connection
                        .client()
                        .get(g -> g.index(indices.alias(DocType.OPPORTUNITY)).id(aheadId.toString()), Map.class)
                        .version())
                .as("the rebuilt index holds the record's version")
                .isEqualTo(aheadDoc.version());
        GetResponse<Map> repairedContact = connection
                .client()
                .get(g -> g.index(indices.alias(DocType.CONTACT)).id(contactId.toString()), Map.class);
        assertThat((List<?>) repairedContact.source().get("visible_to")).isNotEqualTo(strangers.get("visible_to"));
        assertThat(connection
                        .client()
                        .exists(e -> e.index(indices.alias(DocType.ACCOUNT)).id(ghost.toString()))
                        .value())
                .isFalse();
    }

    /** The catalogue's outage: Elasticsearch away for a minute while 1,000 deals are written. */
    @Test
    void aMinuteWithoutElasticsearchDuringAThousandWritesLosesNothing() throws Exception {
        Duration outage = Duration.ofSeconds(60);
        String account = account("Stromausfall GmbH", Map.of());
        awaitTotal("stromausfall", 1);
        ELASTICSEARCH.set(TcpProxy.Mode.DOWN);
        long down = System.nanoTime();
        List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    written.add(opportunity("Blackoutauftrag " + writer + "-" + i, account, Map.of()));
                }
            }));
        }
        List<Long> answers = new ArrayList<>();
        try {
            while (Duration.ofNanos(System.nanoTime() - down).compareTo(outage) < 0) {
                long asked = System.nanoTime();
                assertThat(error(Map.of("q", "blackoutauftrag"))).isEqualTo("SEARCH_UNAVAILABLE");
                answers.add(Duration.ofNanos(System.nanoTime() - asked).toMillis());
                Thread.sleep(2_000);
            }
            for (java.util.concurrent.Future<?> writer : done) {
                writer.get(); // each write was acknowledged (a failed one throws here)
            }
        } finally {
            writers.shutdownNow(); // a failure above must not leave writers running into the next tests
        }
        assertThat(answers).as("ms to SEARCH_UNAVAILABLE").allMatch(ms -> ms < 1_000);
        assertThat(written).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject(
                        "select count(*) from opportunity where name like 'Blackoutauftrag %'", Long.class))
                .isEqualTo(1_000);

        ELASTICSEARCH.set(TcpProxy.Mode.UP);
        long back = System.nanoTime();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .failFast(() -> false)
                .conditionEvaluationListener(c -> {
                    if (!c.isSatisfied()) {
                        System.out.println("not yet: " + last[0] + " pending " + dispatcher.backlog("search-index"));
                    }
                })
                .until(() -> (last[0] = api.data(
                                        "{ searchConsistency { consistent types { type records documents missing stale extra examples } } }",
                                        Map.of())
                                .get("searchConsistency"))
                        .get("consistent")
                        .asBoolean());
        System.out.printf(
                "Elasticsearch back: index equal to PostgreSQL after %d ms%n",
                Duration.ofNanos(System.nanoTime() - back).toMillis());
        assertThat(search("blackoutauftrag", "OPPORTUNITY").get("totalCount").asInt())
                .isEqualTo(1_000);
    }

    private JsonNode repairSearchIndex() {
        String counts = "consistent types { type missing stale extra }";
        return api.data(
                        "mutation { repairSearchIndex(input: {}) { before { " + counts + " } repaired after { " + counts
                                + " } errors { code } } }",
                        Map.of())
                .get("repairSearchIndex");
    }

    private HttpResponse<String> searchHealth() throws Exception {
        return health("/actuator/health/search");
    }

    private HttpResponse<String> health(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + api.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    // --- helpers

    private String account(String name, Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("name", name);
        return api.mutate("createAccount", input).at("/account/id").asString();
    }

    private String opportunity(String name, String account, Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("name", name);
        input.put("accountId", account);
        return api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code field message } } }",
                        "createOpportunity",
                        input)
                .at("/opportunity/id")
                .asString();
    }

    private int versionOfAccount(String account) {
        return jdbc.queryForObject(
                "select version from account where id = ?",
                Integer.class,
                GlobalId.decode(account, "Account").orElseThrow());
    }

    private JsonNode search(String query, String type) {
        Map<String, Object> vars = new HashMap<>(Map.of("q", query));
        if (type != null) {
            vars.put("types", List.of(type));
        }
        return api.data(SEARCH_QUERY, vars).get("search");
    }

    private JsonNode awaitTotal(String query, int total) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> (last[0] = search(query, null)).get("totalCount").asInt() == total);
        return last[0];
    }

    private String error(Map<String, ?> variables) {
        JsonNode response = api.execute(SEARCH_QUERY, variables);
        assertThat(response.path("errors").isMissingNode())
                .as(response.toString())
                .isFalse();
        return response.at("/errors/0/extensions/code").asString();
    }

    private static List<String> ids(JsonNode search) {
        List<String> ids = new ArrayList<>();
        search.get("edges").forEach(edge -> ids.add(edge.at("/node/id").asString()));
        return ids;
    }

    private static Map<String, Long> buckets(JsonNode buckets) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        buckets.forEach(
                b -> counts.put(b.get("value").asString(), b.get("count").asLong()));
        return counts;
    }

    private static Map<String, String> money(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }
}

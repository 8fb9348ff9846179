package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The competitors plugin as it ships: the built bundle dropped into a running server. Records with folded unique
 * names, the competitors of a deal, a close naming its winner, merges that keep every link and close, and the
 * win/loss analysis and head to head on a small hand-made set whose numbers are worked out below.
 */
@ServerTest(properties = {"openchance.events.poll-interval=100ms", "openchance.reminders.poll-interval=1h"})
class CompetitorsIT {

    static final Path PLUGINS = PluginBundles.temporaryFolder("openchance-competitor-plugins-");

    static final String COMPETITOR = "competitor { id name website strengths weaknesses opportunities threats"
            + " pricePosition tags archived version }";
    static final String CREATE = "mutation($input: CreateCompetitorInput!) { createCompetitor(input: $input) { "
            + COMPETITOR + " errors { code field message } } }";
    static final String UPDATE = "mutation($input: UpdateCompetitorInput!) { updateCompetitor(input: $input) { "
            + COMPETITOR + " errors { code field message } } }";
    static final String ARCHIVE = "mutation($input: ArchiveCompetitorInput!) { archiveCompetitor(input: $input) { "
            + COMPETITOR + " errors { code field message } } }";
    static final String MERGE = "mutation($input: MergeCompetitorsInput!) { mergeCompetitors(input: $input) { "
            + COMPETITOR + " errors { code field message } } }";
    static final String LINK = "opportunityCompetitor { competitor { id name } status threatLevel incumbent"
            + " price { amount currency } pricePosition strengths weaknesses note version }";
    static final String ADD = "mutation($input: AddOpportunityCompetitorInput!) { addOpportunityCompetitor(input:"
            + " $input) { " + LINK + " errors { code field message } } }";
    static final String UPDATE_LINK = "mutation($input: UpdateOpportunityCompetitorInput!) {"
            + " updateOpportunityCompetitor(input: $input) { " + LINK + " errors { code field message } } }";
    static final String REMOVE = "mutation($input: RemoveOpportunityCompetitorInput!) {"
            + " removeOpportunityCompetitor(input: $input) { " + LINK + " errors { code field message } } }";
    static final String WIN_LOSS = "query($from: Date!, $to: Date!, $by: WinLossDimension!, $filter: WinLossFilter) {"
            + " winLossAnalysis(from: $from, to: $to, groupBy: $by, filter: $filter) { key label deals wins losses"
            + " winRate winRateLow winRateHigh wonAmount { amount currency } lostAmount { amount currency }"
            + " notConvertedCount averageCycleDays quotedDeals averageDiscount share tooFewDeals } }";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("openchance.plugins.dir", PLUGINS::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;

    @BeforeEach
    void setUp() throws Exception {
        api = new GraphQlClient(port);
        if (!Files.exists(PLUGINS.resolve("competitors.jar"))) {
            PluginBundles.drop(
                    PLUGINS,
                    PluginBundles.jarOf("org/openchance/plugins/competitors/CompetitorSchema.class"),
                    "competitors.jar");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !api.execute("{ competitors { totalCount } }", Map.of())
                .has("errors"));
    }

    @Test
    void competitorsAreRecordsWithNamesUniqueAfterFolding() {
        int before = count();
        JsonNode acme = create(Map.of(
                "name", "Äcme Verdichter GmbH",
                "website", "https://acme.example.com",
                "strengths", "Price",
                "weaknesses", "Service",
                "opportunities", "Cloud",
                "threats", "Consolidation",
                "pricePosition", "LOWER",
                "tags", List.of("Kompressoren", "kompressoren", "Service")));
        assertThat(acme.get("version").asInt()).isEqualTo(1);
        assertThat(acme.get("tags").size()).isEqualTo(2); // the same tag twice is one
        assertThat(acme.get("pricePosition").asString()).isEqualTo("LOWER");

        // "AECME  verdichter gmbh" is the same name after folding umlauts, case and spaces
        JsonNode duplicate =
                api.errors(CREATE, "createCompetitor", "competitor", Map.of("name", "AECME  verdichter gmbh"));
        assertThat(duplicate.findValuesAsString("code")).containsExactly("VALIDATION");
        assertThat(duplicate.findValuesAsString("field")).containsExactly("input.name");
        JsonNode bad = api.errors(
                CREATE, "createCompetitor", "competitor", Map.of("name", "  ", "website", "ftp://acme.example.com"));
        assertThat(bad.findValuesAsString("field")).containsExactlyInAnyOrder("input.name", "input.website");
        assertThat(count()).isEqualTo(before + 1); // nothing else written
        // the audit log tells a plugin's refused mutation from a saved one
        String audit =
                "query($f: AuditFilter) { auditLog(filter: $f, first: 50) { edges { node { outcome detail } } } }";
        JsonNode failed = api.data(
                        audit, Map.of("f", Map.of("operation", "Mutation.createCompetitor", "outcome", "FAILED")))
                .at("/auditLog/edges");
        assertThat(failed.findValuesAsString("detail")).anyMatch(d -> d.contains("VALIDATION"));
        JsonNode saved = api.data(audit, Map.of("f", Map.of("operation", "Mutation.createCompetitor", "outcome", "OK")))
                .at("/auditLog/edges");
        assertThat(saved.findValuesAsString("detail")).anyMatch(d -> d.contains("Äcme Verdichter GmbH"));

        String id = acme.get("id").asString();
        JsonNode stale = api.errors(
                UPDATE, "updateCompetitor", "competitor", Map.of("id", id, "expectedVersion", 7, "threats", "None"));
        assertThat(stale.findValuesAsString("code")).containsExactly("VERSION_CONFLICT");
        Map<String, Object> change = new HashMap<>();
        change.put("id", id);
        change.put("expectedVersion", 1);
        change.put("threats", "Price war");
        change.put("opportunities", null); // cleared
        JsonNode updated = api.ok(UPDATE, "updateCompetitor", change).get("competitor");
        assertThat(updated.get("version").asInt()).isEqualTo(2);
        assertThat(updated.get("threats").asString()).isEqualTo("Price war");
        assertThat(updated.get("opportunities").isNull()).isTrue();
        assertThat(updated.get("strengths").asString()).isEqualTo("Price"); // not given: kept

        JsonNode found = api.data(
                        "query($f: CompetitorFilter) { competitors(filter: $f) { totalCount edges { node { id name } } } }",
                        Map.of("f", Map.of("query", "acme verd")))
                .get("competitors");
        assertThat(found.get("totalCount").asInt()).isEqualTo(1);
        assertThat(found.at("/edges/0/node/id").asString()).isEqualTo(id);
        JsonNode byTag = api.data(
                        "query($f: CompetitorFilter) { competitors(filter: $f) { totalCount } }",
                        Map.of("f", Map.of("tag", "KOMPRESSOREN")))
                .get("competitors");
        assertThat(byTag.get("totalCount").asInt()).isEqualTo(1);
        JsonNode node = api.data(
                        "query($id: ID!) { node(id: $id) { __typename id ... on Competitor { name } } }",
                        Map.of("id", id))
                .get("node");
        assertThat(node.get("__typename").asString()).isEqualTo("Competitor");
        assertThat(node.get("name").asString()).isEqualTo("Äcme Verdichter GmbH");
        assertThat(node.get("id").asString()).isEqualTo(id);
        JsonNode history = api.data(
                        "query($id: ID!) { competitor(id: $id) { history { change changedBy } } }", Map.of("id", id))
                .at("/competitor/history");
        assertThat(history.findValuesAsString("change")).containsExactly("updated", "created");

        JsonNode archived = api.ok(ARCHIVE, "archiveCompetitor", Map.of("id", id, "expectedVersion", 2))
                .get("competitor");
        assertThat(archived.get("archived").asBoolean()).isTrue();
        assertThat(count()).isEqualTo(before);
        JsonNode withArchived = api.data(
                        "query($f: CompetitorFilter) { competitors(filter: $f) { totalCount } }",
                        Map.of("f", Map.of("query", "acme verd", "includeArchived", true)))
                .get("competitors");
        assertThat(withArchived.get("totalCount").asInt()).isEqualTo(1);
        String deal = api.fixtures().anOpportunity("Archiv-Test");
        JsonNode refused = api.errors(
                ADD,
                "addOpportunityCompetitor",
                "opportunityCompetitor",
                Map.of("opportunityId", deal, "competitorId", id));
        assertThat(refused.findValuesAsString("message")).anyMatch(m -> m.contains("archived"));
    }

    @Test
    void competitorsArePagedByName() {
        List<String> names = new ArrayList<>();
        for (String name : List.of("Pager Delta", "Pager Alpha", "Pager Charlie", "Pager Bravo", "Pager Echo")) {
            create(Map.of("name", name));
        }
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            JsonNode page = api.data(
                            "query($after: String) { competitors(first: 2, after: $after, filter: {query: \"pager\"}) {"
                                    + " totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }",
                            variables)
                    .get("competitors");
            assertThat(page.get("totalCount").asInt()).isEqualTo(5);
            names.addAll(page.get("edges").findValuesAsString("name"));
            after = page.at("/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/pageInfo/endCursor").asString()
                    : null;
        } while (after != null);
        assertThat(names).containsExactly("Pager Alpha", "Pager Bravo", "Pager Charlie", "Pager Delta", "Pager Echo");
    }

    @Test
    void aDealListsItsCompetitorsAndOnlyThoseWhoMayEditItChangeThem() {
        String id = create(Map.of("name", "Kolben & Co")).get("id").asString();
        String deal = api.fixtures().anOpportunity("Kolbenprojekt");

        JsonNode added = api.ok(
                        ADD,
                        "addOpportunityCompetitor",
                        Map.of(
                                "opportunityId",
                                deal,
                                "competitorId",
                                id,
                                "threatLevel",
                                "HIGH",
                                "incumbent",
                                true,
                                "price",
                                Map.of("amount", "45000.50", "currency", "EUR"),
                                "note",
                                "Sitzt seit 2019 beim Kunden"))
                .get("opportunityCompetitor");
        assertThat(added.get("status").asString()).isEqualTo("IN_PLAY");
        assertThat(added.at("/price/amount").asString()).isEqualTo("45000.5000");
        assertThat(added.at("/competitor/name").asString()).isEqualTo("Kolben & Co");
        assertThat(competitorCount(deal)).isEqualTo(1); // the scoring input follows the links
        JsonNode twice = api.errors(
                ADD,
                "addOpportunityCompetitor",
                "opportunityCompetitor",
                Map.of("opportunityId", deal, "competitorId", id));
        assertThat(twice.findValuesAsString("code")).containsExactly("VALIDATION");
        JsonNode badPrice = api.errors(
                ADD,
                "addOpportunityCompetitor",
                "opportunityCompetitor",
                Map.of(
                        "opportunityId",
                        deal,
                        "competitorId",
                        create(Map.of("name", "Preisfehler AG")).get("id").asString(),
                        "price",
                        Map.of("amount", "-1", "currency", "EURO")));
        assertThat(badPrice.findValuesAsString("field"))
                .containsExactlyInAnyOrder("input.price.amount", "input.price.currency");
        JsonNode unknown = api.errors(
                ADD,
                "addOpportunityCompetitor",
                "opportunityCompetitor",
                Map.of(
                        "opportunityId",
                        deal,
                        "competitorId",
                        "Q29tcGV0aXRvcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDE"));
        assertThat(unknown.findValuesAsString("code")).containsExactly("NOT_FOUND");

        JsonNode stale = api.errors(
                UPDATE_LINK,
                "updateOpportunityCompetitor",
                "opportunityCompetitor",
                Map.of("opportunityId", deal, "competitorId", id, "expectedVersion", 5, "status", "ELIMINATED"));
        assertThat(stale.findValuesAsString("code")).containsExactly("VERSION_CONFLICT");
        JsonNode eliminated = api.ok(
                        UPDATE_LINK,
                        "updateOpportunityCompetitor",
                        Map.of("opportunityId", deal, "competitorId", id, "expectedVersion", 1, "status", "ELIMINATED"))
                .get("opportunityCompetitor");
        assertThat(eliminated.get("status").asString()).isEqualTo("ELIMINATED");
        assertThat(eliminated.get("threatLevel").asString()).isEqualTo("HIGH"); // not given: kept
        assertThat(eliminated.get("version").asInt()).isEqualTo(2);
        assertThat(competitorCount(deal)).isZero(); // eliminated: out of the running

        JsonNode listed = api.data(
                        "query($id: ID!) { opportunity(id: $id) { competitors { competitor { name } status incumbent } } }",
                        Map.of("id", deal))
                .at("/opportunity/competitors");
        assertThat(listed.findValuesAsString("name")).containsExactly("Kolben & Co");

        // Another salesperson reads the deal (PUBLIC_READ) but may not change it
        GraphQlClient peer = api.fixtures()
                .signedIn(api.fixtures()
                        .anEmployee("Petra Peer", "petra.competitors@example.com", List.of("SALES"), null));
        JsonNode forbidden = peer.errors(
                REMOVE,
                "removeOpportunityCompetitor",
                "opportunityCompetitor",
                Map.of("opportunityId", deal, "competitorId", id));
        assertThat(forbidden.findValuesAsString("code")).containsExactly("FORBIDDEN");

        api.ok(REMOVE, "removeOpportunityCompetitor", Map.of("opportunityId", deal, "competitorId", id));
        assertThat(api.data("query($id: ID!) { opportunity(id: $id) { competitors { status } } }", Map.of("id", deal))
                        .at("/opportunity/competitors")
                        .size())
                .isZero();
        JsonNode gone = api.errors(
                REMOVE,
                "removeOpportunityCompetitor",
                "opportunityCompetitor",
                Map.of("opportunityId", deal, "competitorId", id));
        assertThat(gone.findValuesAsString("code")).containsExactly("NOT_FOUND");
    }

    /**
     * A partner on a deal sees who the competitors in it are, and the team's notes on them in that deal, but not the
     * company's view of them: SWOT, description, tags, history, head to head and battlecard; not the records either.
     */
    @Test
    void partnersSeeCompetitorsInTheirDealsByNameOnly() {
        JsonNode made = create(Map.of(
                "name", "Geheim Verdichter AG",
                "website", "https://geheim.example",
                "strengths", "Billig",
                "weaknesses", "Service langsam",
                "description", "Unsere Einschätzung",
                "pricePosition", "LOWER",
                "tags", List.of("Kolben")));
        String id = made.get("id").asString();
        String deal = api.fixtures().anOpportunity("Mit Partner und Wettbewerb");
        api.ok(ADD, "addOpportunityCompetitor", Map.of("opportunityId", deal, "competitorId", id, "note", "Im Rennen"));
        String partnerId = api.fixtures().aPartner("Petra Partner", "petra@wettbewerb.example", "Partner GmbH");
        api.ok(
                "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { opportunity { id } errors { code } } }",
                "addTeamMember",
                Map.of("opportunityId", deal, "userId", partnerId, "role", "Technik", "access", "READ"));
        GraphQlClient partner = api.fixtures().signedIn(partnerId);
        String seen = "query($d: ID!, $c: ID!) { opportunity(id: $d) { competitors { note competitor { id name website"
                + " pricePosition description strengths weaknesses opportunities threats tags history { change }"
                + " headToHead(from: \"2000-01-01\", to: \"2100-01-01\") { deals } battlecard { strengths } } } }"
                + " node(id: $c) { id } }";

        JsonNode employee = api.data(seen, Map.of("d", deal, "c", id));
        JsonNode inside = employee.at("/opportunity/competitors/0/competitor");
        assertThat(inside.get("strengths").asString()).isEqualTo("Billig"); // what partners do not get, employees do
        assertThat(inside.at("/tags/0").asString()).isEqualTo("Kolben");
        assertThat(inside.get("history").size()).isPositive();
        assertThat(inside.at("/headToHead/deals").isInt()).isTrue();
        assertThat(inside.at("/battlecard/strengths").asString()).isEqualTo("Billig");
        assertThat(employee.at("/node/id").asString()).isEqualTo(id);

        JsonNode outside = partner.data(seen, Map.of("d", deal, "c", id));
        JsonNode theirs = outside.at("/opportunity/competitors/0");
        assertThat(theirs.get("note").asString()).isEqualTo("Im Rennen");
        JsonNode record = theirs.get("competitor");
        assertThat(record.get("name").asString()).isEqualTo("Geheim Verdichter AG");
        assertThat(record.get("website").asString()).isEqualTo("https://geheim.example");
        assertThat(record.get("pricePosition").asString()).isEqualTo("LOWER");
        for (String hidden : List.of("description", "strengths", "weaknesses", "opportunities", "threats")) {
            assertThat(record.get(hidden).isNull()).as(hidden).isTrue();
        }
        assertThat(record.get("tags").isEmpty()).isTrue();
        assertThat(record.get("history").isEmpty()).isTrue();
        assertThat(record.get("headToHead").isNull()).isTrue();
        assertThat(record.get("battlecard").isNull()).isTrue();
        assertThat(outside.get("node").isNull()).isTrue();
        assertThat(partner.execute("{ competitors { totalCount } }", Map.of())
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void aLostDealNamesItsWinnerAndAMergeKeepsEveryLinkAndClose() {
        JsonNode keeper = create(Map.of("name", "Schraube Nord"));
        JsonNode duplicate = create(Map.of("name", "Schraube-Nord (alt)"));
        String keeperId = keeper.get("id").asString();
        String duplicateId = duplicate.get("id").asString();
        String both = api.fixtures().anOpportunity("Beide drin");
        String onlyOld = api.fixtures().anOpportunity("Nur der alte");
        String lost = api.fixtures().anOpportunity("Verloren an den alten");
        link(both, keeperId);
        link(both, duplicateId);
        link(onlyOld, duplicateId);
        // a Competitor ID no competitor has is refused by the plugin's close check, and nothing is closed
        String stillOpen = api.fixtures().anOpportunity("Mit unbekanntem Gewinner");
        String unknown = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("Competitor:" + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        JsonNode refused = api.errors(
                "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { opportunity { id }"
                        + " errors { code field message } } }",
                "closeOpportunity",
                "opportunity",
                Map.of(
                        "id",
                        stillOpen,
                        "expectedVersion",
                        version(stillOpen),
                        "outcome",
                        "LOST",
                        "reasons",
                        List.of("Price"),
                        "winningCompetitorId",
                        unknown));
        assertThat(refused.findValuesAsString("code")).containsExactly("VALIDATION");
        assertThat(refused.findValuesAsString("field")).containsExactly("input.winningCompetitorId");
        assertThat(api.data("query($id: ID!) { opportunity(id: $id) { status } }", Map.of("id", stillOpen))
                        .at("/opportunity/status")
                        .asString())
                .isEqualTo("OPEN");

        close(lost, "LOST", LocalDate.now(), List.of("Price"), duplicateId);
        assertThat(winnerOf(lost)).isEqualTo("Schraube-Nord (alt)");

        // a close puts the winner into the deal as WON and those still in play out (LOST)
        String twoBidders = api.fixtures().anOpportunity("Zwei Bieter");
        String other = create(Map.of("name", "Mitbieter GmbH")).get("id").asString();
        link(twoBidders, other);
        close(twoBidders, "LOST", LocalDate.now(), List.of("Price"), keeperId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> statusesOf(twoBidders).equals(Map.of("Schraube Nord", "WON", "Mitbieter GmbH", "LOST")));

        JsonNode itself = api.errors(
                MERGE,
                "mergeCompetitors",
                "competitor",
                Map.of(
                        "targetId",
                        keeperId,
                        "targetExpectedVersion",
                        1,
                        "sourceId",
                        keeperId,
                        "sourceExpectedVersion",
                        1));
        assertThat(itself.findValuesAsString("code")).containsExactly("VALIDATION");
        JsonNode merged = api.ok(
                        MERGE,
                        "mergeCompetitors",
                        Map.of(
                                "targetId",
                                keeperId,
                                "targetExpectedVersion",
                                1,
                                "sourceId",
                                duplicateId,
                                "sourceExpectedVersion",
                                1))
                .get("competitor");
        assertThat(merged.get("version").asInt()).isEqualTo(2);

        assertThat(competitorsOf(both)).containsExactly("Schraube Nord"); // one link where there were two
        assertThat(competitorsOf(onlyOld)).containsExactly("Schraube Nord");
        assertThat(winnerOf(lost)).isEqualTo("Schraube Nord"); // the close still names the old id
        assertThat(api.data("query($id: ID!) { competitor(id: $id) { name } }", Map.of("id", duplicateId))
                        .at("/competitor/name")
                        .asString())
                .isEqualTo("Schraube Nord");
        JsonNode history = api.data(
                        "query($id: ID!) { competitor(id: $id) { history { change detail } } }", Map.of("id", keeperId))
                .at("/competitor/history/0");
        assertThat(history.get("change").asString()).isEqualTo("merged");
        assertThat(history.get("detail").asString()).contains("Schraube-Nord (alt) merged into Schraube Nord");
        // the name of the merged one is free again
        create(Map.of("name", "Schraube-Nord (alt)"));
    }

    /**
     * Six deals of a pipeline of their own, closed two years ago (plus one deleted, which never counts):
     *
     * <pre>
     * deal  outcome  closed   amount     reasons         competitors        winner       cycle days
     * W1    won      Feb 10   1000 EUR   -               Xenon              -            40
     * W2    won      Mar 15   2000 EUR   -               Xenon, Ypsilon     -            60
     * L1    lost     Feb 20    500 EUR   Price           Xenon              Xenon        30
     * L2    lost     Apr 10   1500 EUR   Price, Feature  Xenon, Ypsilon     Ypsilon      50
     * L3    lost     May 5     800 EUR   Timing          -                  NO_DECISION  10
     * W3    won      Jun 1     100 SEK   -               -                  -            20   (no SEK rate)
     * </pre>
     *
     * Win rates with 95 % Wilson intervals, p = k/n, z = 1.959964: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
     */
    @Test
    void winLossAnalysisAndHeadToHeadOnAHandMadeSet() {
        LocalDate year = LocalDate.of(LocalDate.now().getYear() - 2, 1, 1);
        String quarter1 = year.getYear() + "-Q1";
        String quarter2 = year.getYear() + "-Q2";
        JsonNode created = api.ok(
                        "mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { pipeline { id } errors {"
                                + " code field message } } }",
                        "createPipeline",
                        Map.of(
                                "name", "Wettbewerbsanalyse",
                                "stages", List.of(Map.of("name", "Angebot", "defaultProbability", 40)),
                                "lostReasons", List.of("Price", "Feature", "Timing")))
                .get("pipeline");
        String pipeline = created.get("id").asString();
        String xenon = create(Map.of("name", "Xenon Analyse AG")).get("id").asString();
        String ypsilon =
                create(Map.of("name", "Ypsilon Analyse GmbH")).get("id").asString();
        String account =
                api.fixtures().anAccount("Analyse Kunde AG", Map.of("employeeCount", 120, "industry", "Maschinenbau"));

        String w1 = deal(account, "W1", pipeline, "1000", "EUR");
        String w2 = deal(account, "W2", pipeline, "2000", "EUR");
        String l1 = deal(account, "L1", pipeline, "500", "EUR");
        String l2 = deal(account, "L2", pipeline, "1500", "EUR");
        String l3 = deal(account, "L3", pipeline, "800", "EUR");
        String w3 = deal(account, "W3", pipeline, "100", "SEK");
        String deleted = deal(account, "L4", pipeline, "900", "EUR");
        link(w1, xenon, "SIMILAR");
        link(w2, xenon, null);
        link(w2, ypsilon, null);
        link(l1, xenon, "LOWER");
        link(l2, xenon, null);
        link(l2, ypsilon, null);
        link(deleted, xenon, null);
        close(w1, "WON", year.plusDays(40), List.of(), null);
        close(w2, "WON", year.plusDays(73), List.of(), null);
        close(l1, "LOST", year.plusDays(50), List.of("Price"), xenon);
        close(l2, "LOST", year.plusDays(99), List.of("Price", "Feature"), ypsilon);
        close(l3, "LOST", year.plusDays(124), List.of("Timing"), "NO_DECISION");
        close(w3, "WON", year.plusDays(151), List.of(), null);
        close(deleted, "LOST", year.plusDays(60), List.of("Price"), xenon);
        api.ok(
                "mutation($input: DeleteOpportunityInput!) { deleteOpportunity(input: $input) { errors { code } } }",
                "deleteOpportunity",
                Map.of("id", deleted, "expectedVersion", version(deleted)));
        backdate(Map.of(w1, 40, w2, 60, l1, 30, l2, 50, l3, 10, w3, 20));
        // the discounts a quotes plugin reported (HostServices.setQuotedDiscount writes these rows): the latest counts
        discount(w1, "10", 3);
        discount(l1, "20", 3);
        discount(l2, "5", 3);
        discount(l2, "15", 2);
        discount(l3, "8", 3);
        discount(l3, null, 1); // its quote was withdrawn: none any more

        // By reason: L1 and L2 both in Price (a deal with two reasons counts in both rows); the won ones gave none
        Map<String, JsonNode> reasons = rows(winLoss(pipeline, year, "REASON"));
        assertThat(reasons.keySet()).containsExactly("NONE", "Price", "Feature", "Timing");
        assertRow(reasons.get("NONE"), 3, 0, "3000.00", "0.00", 1.0, 0.4385029682449546, 1.0);
        assertThat(reasons.get("NONE").get("notConvertedCount").asInt()).isEqualTo(1); // W3's SEK
        assertRow(reasons.get("Price"), 0, 2, "0.00", "2000.00", 0.0, 0.0, 0.6576197724933469);
        assertThat(reasons.get("Price").get("share").asDouble()).isCloseTo(2.0 / 6, within(1e-9));
        assertThat(reasons.get("Price").get("averageCycleDays").asDouble()).isCloseTo(40.0, within(1e-9));
        assertThat(reasons.get("Price").get("tooFewDeals").asBoolean()).isTrue();
        assertRow(reasons.get("Feature"), 0, 1, "0.00", "1500.00", 0.0, 0.0, 0.7934506856227626);
        // quoted discounts per row: NONE has W1's 10; Price L1's 20 and L2's latest 15; Timing none (L3's is gone)
        assertThat(reasons.get("NONE").get("quotedDeals").asInt()).isEqualTo(1);
        assertThat(reasons.get("NONE").get("averageDiscount").asDouble()).isEqualTo(10.0);
        assertThat(reasons.get("Price").get("quotedDeals").asInt()).isEqualTo(2);
        assertThat(reasons.get("Price").get("averageDiscount").asDouble()).isEqualTo(17.5);
        assertThat(reasons.get("Feature").get("averageDiscount").asDouble()).isEqualTo(15.0);
        assertThat(reasons.get("Timing").get("quotedDeals").asInt()).isZero();
        assertThat(reasons.get("Timing").get("averageDiscount").isNull()).isTrue();

        // By competitor: Xenon was in W1, W2, L1, L2; Ypsilon in W2, L2; none in L3 and W3
        Map<String, JsonNode> byCompetitor = rows(winLoss(pipeline, year, "COMPETITOR"));
        JsonNode x = byLabel(byCompetitor, "Xenon Analyse AG");
        assertRow(x, 2, 2, "3000.00", "2000.00", 0.5, 0.15003898915214947, 0.8499610108478506);
        assertThat(x.get("averageCycleDays").asDouble()).isCloseTo(45.0, within(1e-9)); // (40+60+30+50)/4
        assertRow(
                byLabel(byCompetitor, "Ypsilon Analyse GmbH"),
                1,
                1,
                "2000.00",
                "1500.00",
                0.5,
                0.09453120573423074,
                0.9054687942657693);
        assertRow(byCompetitor.get("NONE"), 1, 1, "0.00", "800.00", 0.5, 0.09453120573423074, 0.9054687942657693);
        assertThat(x.get("averageDiscount").asDouble()).isEqualTo(15.0); // W1 10, L1 20, L2 15: 45 / 3

        // By quarter, oldest first: Q1 W1 W2 L1; Q2 L2 L3 W3
        Map<String, JsonNode> quarters = rows(winLoss(pipeline, year, "QUARTER"));
        assertThat(quarters.keySet()).containsExactly(quarter1, quarter2);
        assertRow(quarters.get(quarter1), 2, 1, "3000.00", "500.00", 2.0 / 3, 0.2076596008020477, 0.9385080552796037);
        assertRow(quarters.get(quarter2), 1, 2, "0.00", "2300.00", 1.0 / 3, 0.06149194472039621, 0.7923403991979522);
        Map<String, JsonNode> sizes = rows(winLoss(pipeline, year, "COMPANY_SIZE"));
        assertThat(sizes.keySet()).containsExactly("50-249");
        assertRow(sizes.get("50-249"), 3, 3, "3000.00", "2800.00", 0.5, 0.1876163064826506, 0.8123836935173494);
        Map<String, JsonNode> stages = rows(winLoss(pipeline, year, "STAGE_LOST_AT"));
        assertThat(stages.values().iterator().next().get("label").asString()).isEqualTo("Angebot");
        assertThat(stages.values().iterator().next().get("losses").asInt()).isEqualTo(3);
        assertThat(stages.values().iterator().next().get("share").asDouble()).isEqualTo(1.0); // of the lost deals
        assertThat(rows(winLoss(pipeline, year, "INDUSTRY")).keySet()).containsExactly("Maschinenbau");

        // Filtered to the deals Ypsilon was in: W2 and L2
        JsonNode onlyYpsilon = api.data(
                        WIN_LOSS,
                        Map.of(
                                "from", year.toString(),
                                "to", year.plusYears(1).minusDays(1).toString(),
                                "by", "PIPELINE",
                                "filter", Map.of("pipelineIds", List.of(pipeline), "competitorIds", List.of(ypsilon))))
                .get("winLossAnalysis");
        assertThat(onlyYpsilon.at("/0/deals").asInt()).isEqualTo(2);

        // Head to head with Xenon: won W1 W2, lost L1 to them and L2 to Ypsilon
        JsonNode h2h = api.data(
                        "query($id: ID!, $from: Date!, $to: Date!) { competitor(id: $id) { headToHead(from: $from, to: $to)"
                                + " { deals wins losses lostToThem lostToOthers winRate winRateLow winRateHigh"
                                + " amountLostToThem { amount currency } lostAtStages { stage count }"
                                + " pricePositions { position count } quarters { quarter deals wins losses winRate } }"
                                + " battlecard { recentWins { name closedAt } recentLosses { name amount { amount } }"
                                + " lossReasons { reason count } } } }",
                        Map.of(
                                "id", xenon,
                                "from", year.toString(),
                                "to", year.plusYears(1).minusDays(1).toString()))
                .get("competitor");
        JsonNode head = h2h.get("headToHead");
        // other tests' deals are closed today, outside this year: only the six count
        assertThat(head.get("deals").asInt()).isEqualTo(4);
        assertThat(head.get("wins").asInt()).isEqualTo(2);
        assertThat(head.get("lostToThem").asInt()).isEqualTo(1);
        assertThat(head.get("lostToOthers").asInt()).isEqualTo(1);
        assertThat(head.get("winRateLow").asDouble()).isCloseTo(0.15003898915214947, within(1e-9));
        assertThat(head.at("/amountLostToThem/amount").asString()).isEqualTo("500.00");
        assertThat(head.at("/lostAtStages/0/stage").asString()).isEqualTo("Angebot");
        assertThat(head.get("pricePositions").findValuesAsString("position")).containsExactly("LOWER", "SIMILAR");
        assertThat(head.get("quarters").findValuesAsString("quarter")).containsExactly(quarter1, quarter2);
        assertThat(head.at("/quarters/0/deals").asInt()).isEqualTo(3);
        assertThat(head.at("/quarters/1/wins").asInt()).isZero();
        JsonNode card = h2h.get("battlecard");
        assertThat(card.get("recentWins").findValuesAsString("name")).containsExactly("W2", "W1");
        assertThat(card.get("recentLosses").findValuesAsString("name")).containsExactly("L1");
        assertThat(card.at("/lossReasons/0/reason").asString()).isEqualTo("Price");
        assertThat(card.at("/lossReasons/0/count").asInt()).isEqualTo(2);
    }

    /**
     * Figures as of a past day: a deal lost then and won since counts as lost then, with the reasons and winner of
     * then; a deal closed since and a competitor put in since do not count, one taken out since does; the discount of
     * then is averaged.
     */
    @Test
    void winLossAndHeadToHeadAsOfAPastDay() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate closedThen = today.minusDays(10);
        String pipeline = api.ok(
                        "mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { pipeline { id }"
                                + " errors { code field message } } }",
                        "createPipeline",
                        Map.of(
                                "name", "Rückblick",
                                "stages", List.of(Map.of("name", "Verhandlung", "defaultProbability", 50)),
                                "lostReasons", List.of("Price", "Timing")))
                .at("/pipeline/id")
                .asString();
        String zeta = create(Map.of("name", "Zeta Rückblick AG")).get("id").asString();
        String account = api.fixtures().anAccount("Rückblick Kunde GmbH");
        String a = deal(account, "A", pipeline, "1000", "EUR");
        String b = deal(account, "B", pipeline, "2000", "EUR");
        String e = deal(account, "E", pipeline, "700", "EUR");
        link(a, zeta);
        link(e, zeta);
        close(a, "LOST", closedThen, List.of("Price"), zeta);
        close(b, "WON", closedThen, List.of(), null);
        close(e, "LOST", closedThen, List.of("Price"), "NONE");
        discount(a, "12", 0);
        // all of that happened twelve days ago
        for (String deal : List.of(a, b, e)) {
            java.util.UUID id = recordId(deal);
            jdbc.update("update opportunity set created_at = now() - interval '40 days' where id = ?", id);
            jdbc.update(
                    "update opportunity_history set changed_at = now() - interval '12 days' where opportunity_id = ?",
                    id);
            jdbc.update(
                    "update opportunity_discount set set_at = now() - interval '12 days' where opportunity_id = ?", id);
            jdbc.update(
                    "update plugin_org_openchance_plugins_competitors.opportunity_competitor"
                            + " set created_at = now() - interval '12 days' where opportunity_id = ?",
                    id);
        }
        // since then: A reopened and won, at a new discount; Zeta put into B and taken out of E; C made and lost
        api.ok(
                "mutation($input: ReopenOpportunityInput!) { reopenOpportunity(input: $input) { opportunity { id }"
                        + " errors { code field message } } }",
                "reopenOpportunity",
                Map.of("id", a, "expectedVersion", version(a)));
        close(a, "WON", today, List.of(), null);
        discount(a, "3", 0);
        link(b, zeta);
        api.ok(REMOVE, "removeOpportunityCompetitor", Map.of("opportunityId", e, "competitorId", zeta));
        String c = deal(account, "C", pipeline, "500", "EUR");
        close(c, "LOST", today, List.of("Timing"), "NONE");

        Map<String, Object> then = Map.of(
                "from", today.minusDays(30).toString(),
                "to", today.toString(),
                "by", "REASON",
                "filter", Map.of("pipelineIds", List.of(pipeline)),
                "asOf", today.minusDays(5).toString());
        String asOf = WIN_LOSS.replace("$filter: WinLossFilter)", "$filter: WinLossFilter, $asOf: Date)")
                .replace("filter: $filter)", "filter: $filter, asOf: $asOf)");
        Map<String, JsonNode> reasonsThen = rows(api.data(asOf, then).get("winLossAnalysis"));
        assertThat(reasonsThen.keySet()).containsExactlyInAnyOrder("Price", "NONE");
        assertRow(reasonsThen.get("Price"), 0, 2, "0.00", "1700.00", 0.0, 0.0, 0.6576197724933469);
        assertThat(reasonsThen.get("Price").get("quotedDeals").asInt()).isEqualTo(1);
        assertThat(reasonsThen.get("Price").get("averageDiscount").asDouble()).isEqualTo(12.0);
        assertRow(reasonsThen.get("NONE"), 1, 0, "2000.00", "0.00", 1.0, 0.20654931437723742, 1.0);
        Map<String, Object> byCompetitorThen = new HashMap<>(then);
        byCompetitorThen.put("by", "COMPETITOR");
        Map<String, JsonNode> competitorsThen =
                rows(api.data(asOf, byCompetitorThen).get("winLossAnalysis"));
        // Zeta was in A and E then (put into B since, taken out of E since): two losses
        assertRow(byLabel(competitorsThen, "Zeta Rückblick AG"), 0, 2, "0.00", "1700.00", 0.0, 0.0, 0.6576197724933469);

        // now: A and B won, E lost for Price, C for Timing; Zeta is in A and B
        Map<String, JsonNode> reasonsNow = rows(winLoss(pipeline, today.minusDays(30), today, "REASON"));
        assertThat(reasonsNow.keySet()).containsExactlyInAnyOrder("NONE", "Price", "Timing");
        assertRow(reasonsNow.get("Price"), 0, 1, "0.00", "700.00", 0.0, 0.0, 0.7934506856227626);
        Map<String, JsonNode> competitorsNow = rows(winLoss(pipeline, today.minusDays(30), today, "COMPETITOR"));
        assertRow(byLabel(competitorsNow, "Zeta Rückblick AG"), 2, 0, "3000.00", "0.00", 1.0, 0.3423802275066531, 1.0);
        assertRow(reasonsNow.get("NONE"), 2, 0, "3000.00", "0.00", 1.0, 0.3423802275066531, 1.0);
        assertThat(reasonsNow.get("NONE").get("averageDiscount").asDouble()).isEqualTo(3.0);

        String h2h = "query($id: ID!, $from: Date!, $to: Date!, $asOf: Date) { competitor(id: $id) {"
                + " headToHead(from: $from, to: $to, asOf: $asOf) { deals wins losses lostToThem } } }";
        JsonNode headThen = api.data(
                        h2h,
                        Map.of(
                                "id", zeta,
                                "from", today.minusDays(30).toString(),
                                "to", today.toString(),
                                "asOf", today.minusDays(5).toString()))
                .at("/competitor/headToHead");
        assertThat(headThen.get("deals").asInt()).isEqualTo(2); // A and E
        assertThat(headThen.get("losses").asInt()).isEqualTo(2);
        assertThat(headThen.get("lostToThem").asInt()).isEqualTo(1); // A; E went to no one
        JsonNode headNow = api.data(
                        h2h, Map.of("id", zeta, "from", today.minusDays(30).toString(), "to", today.toString()))
                .at("/competitor/headToHead");
        assertThat(headNow.get("deals").asInt()).isEqualTo(2);
        assertThat(headNow.get("wins").asInt()).isEqualTo(2);
        assertThat(headNow.get("lostToThem").asInt()).isZero();
    }

    /**
     * The data outlives the plugin being removed and added again; on its start the plugin makes records of the
     * winners that closes name as free text (as before the plugin), matching existing names after folding.
     */
    @Test
    void freeTextWinnersBecomeRecordsAndTheDataOutlivesARemoval() throws Exception {
        String id = create(Map.of("name", "Bleibt Bestehen KG")).get("id").asString();
        Path dropped = PLUGINS.resolve("competitors.jar");
        Path jar = PluginBundles.jarOf("org/openchance/plugins/competitors/CompetitorSchema.class");
        Files.delete(dropped);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.execute("{ competitors { totalCount } }", Map.of())
                .has("errors"));
        String toNew = api.fixtures().anOpportunity("An Freitext verloren");
        String toKnown = api.fixtures().anOpportunity("An Bekannten verloren");
        close(toNew, "LOST", LocalDate.now(), List.of("Price"), "Freitext Sieger AG");
        close(toKnown, "LOST", LocalDate.now(), List.of("Price"), "BLEIBT  bestehen kg");

        PluginBundles.drop(PLUGINS, jar, "competitors.jar");
        await().atMost(Duration.ofSeconds(30)).until(() -> !api.execute("{ competitors { totalCount } }", Map.of())
                .has("errors"));
        assertThat(api.data("query($id: ID!) { competitor(id: $id) { name } }", Map.of("id", id))
                        .at("/competitor/name")
                        .asString())
                .isEqualTo("Bleibt Bestehen KG");
        // the start's import and the waiting close events both link the winners: whichever comes first
        await().atMost(Duration.ofSeconds(30))
                .until(() -> statusesOf(toNew).equals(Map.of("Freitext Sieger AG", "WON"))
                        && statusesOf(toKnown).equals(Map.of("Bleibt Bestehen KG", "WON")));
        assertThat(winnerOf(toNew)).isEqualTo("Freitext Sieger AG");
        JsonNode named = api.data(
                        "query($f: CompetitorFilter) { competitors(filter: $f) { totalCount } }",
                        Map.of("f", Map.of("query", "freitext sieger")))
                .get("competitors");
        assertThat(named.get("totalCount").asInt()).isEqualTo(1);
    }

    /** The names docs/api.md promises front ends for this plugin, in the live schema. */
    @Test
    void theNamesFrontEndsRelyOnAreInTheSchema() {
        Map<String, List<String>> promised = Map.of(
                "Query", List.of("competitors", "competitor", "winLossAnalysis"),
                "Mutation",
                        List.of(
                                "createCompetitor",
                                "updateCompetitor",
                                "archiveCompetitor",
                                "mergeCompetitors",
                                "addOpportunityCompetitor",
                                "updateOpportunityCompetitor",
                                "removeOpportunityCompetitor"),
                "Competitor",
                        List.of(
                                "id",
                                "name",
                                "website",
                                "strengths",
                                "weaknesses",
                                "opportunities",
                                "threats",
                                "pricePosition",
                                "headToHead",
                                "battlecard",
                                "version"),
                "OpportunityCompetitor",
                        List.of(
                                "competitor",
                                "status",
                                "threatLevel",
                                "incumbent",
                                "price",
                                "pricePosition",
                                "strengths",
                                "weaknesses",
                                "note"),
                "CloseDetails", List.of("winningCompetitor"),
                "Opportunity", List.of("competitors"),
                "WinLossRow",
                        List.of(
                                "key",
                                "label",
                                "wins",
                                "losses",
                                "winRate",
                                "winRateLow",
                                "winRateHigh",
                                "wonAmount",
                                "lostAmount",
                                "averageCycleDays"));
        promised.forEach((type, fields) -> {
            List<String> present = api.data(
                            "query($name: String!) { __type(name: $name) { fields { name } } }", Map.of("name", type))
                    .at("/__type/fields")
                    .findValuesAsString("name");
            assertThat(present).as(type).containsAll(fields);
        });
        List<String> dimensions = api.data("{ __type(name: \"WinLossDimension\") { enumValues { name } } }", Map.of())
                .at("/__type/enumValues")
                .findValuesAsString("name");
        assertThat(dimensions)
                .containsExactly(
                        "REASON",
                        "COMPETITOR",
                        "OWNER",
                        "INDUSTRY",
                        "STAGE_LOST_AT",
                        "PIPELINE",
                        "COMPANY_SIZE",
                        "LEAD_SOURCE",
                        "QUARTER");
    }

    // --- helpers ---

    private JsonNode create(Map<String, ?> input) {
        return api.ok(CREATE, "createCompetitor", input).get("competitor");
    }

    private int count() {
        return api.data("{ competitors { totalCount } }", Map.of())
                .at("/competitors/totalCount")
                .asInt();
    }

    private void link(String deal, String competitor) {
        link(deal, competitor, null);
    }

    private void link(String deal, String competitor, String pricePosition) {
        Map<String, Object> input = new HashMap<>();
        input.put("opportunityId", deal);
        input.put("competitorId", competitor);
        input.put("pricePosition", pricePosition);
        api.ok(ADD, "addOpportunityCompetitor", input);
    }

    private List<String> competitorsOf(String deal) {
        return api.data(
                        "query($id: ID!) { opportunity(id: $id) { competitors { competitor { name } } } }",
                        Map.of("id", deal))
                .at("/opportunity/competitors")
                .findValuesAsString("name");
    }

    private Map<String, String> statusesOf(String deal) {
        Map<String, String> statuses = new HashMap<>();
        api.data(
                        "query($id: ID!) { opportunity(id: $id) { competitors { competitor { name } status } } }",
                        Map.of("id", deal))
                .at("/opportunity/competitors")
                .forEach(c -> statuses.put(
                        c.at("/competitor/name").asString(), c.get("status").asString()));
        return statuses;
    }

    private int version(String deal) {
        return api.data("query($id: ID!) { opportunity(id: $id) { version } }", Map.of("id", deal))
                .at("/opportunity/version")
                .asInt();
    }

    private int competitorCount(String deal) {
        return api.data("query($id: ID!) { opportunity(id: $id) { competitorCount } }", Map.of("id", deal))
                .at("/opportunity/competitorCount")
                .asInt();
    }

    private String winnerOf(String deal) {
        return api.data(
                        "query($id: ID!) { opportunity(id: $id) { closeDetails { winningCompetitor { name } } } }",
                        Map.of("id", deal))
                .at("/opportunity/closeDetails/winningCompetitor/name")
                .asString();
    }

    private String deal(String account, String name, String pipeline, String amount, String currency) {
        return api.fixtures()
                .anOpportunity(
                        account,
                        name,
                        Map.of("pipelineId", pipeline, "amount", Map.of("amount", amount, "currency", currency)));
    }

    private void close(String deal, String outcome, LocalDate closedAt, List<String> reasons, String winner) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", deal);
        input.put("expectedVersion", version(deal)); // linking competitors changes competitorCount
        input.put("outcome", outcome);
        input.put("closedAt", closedAt.toString());
        input.put("reasons", reasons);
        input.put("winningCompetitorId", winner);
        api.ok(
                "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { opportunity { id }"
                        + " errors { code field message } } }",
                "closeOpportunity",
                input);
    }

    /** Sets each deal's creation the given number of days before its close (the API sets it to now). */
    private void backdate(Map<String, Integer> cycleDays) {
        cycleDays.forEach((deal, days) -> jdbc.update(
                "update opportunity set created_at = cast(closed_at - ? as timestamp) at time zone 'UTC' where id = ?",
                days,
                java.util.UUID.fromString(
                        new String(java.util.Base64.getUrlDecoder().decode(deal)).substring("Opportunity:".length()))));
    }

    /** A discount reported for the deal {@code daysAgo} days ago, as the host records it for a quotes plugin. */
    private void discount(String deal, String percent, int daysAgo) {
        jdbc.update(
                "insert into opportunity_discount (opportunity_id, discount_percent, set_at) values (?, ?, now() - ?"
                        + " * interval '1 day')",
                java.util.UUID.fromString(
                        new String(java.util.Base64.getUrlDecoder().decode(deal)).substring("Opportunity:".length())),
                percent == null ? null : new java.math.BigDecimal(percent),
                daysAgo);
    }

    private JsonNode winLoss(String pipeline, LocalDate from, LocalDate to, String by) {
        return api.data(
                        WIN_LOSS,
                        Map.of(
                                "from", from.toString(),
                                "to", to.toString(),
                                "by", by,
                                "filter", Map.of("pipelineIds", List.of(pipeline))))
                .get("winLossAnalysis");
    }

    private static java.util.UUID recordId(String apiId) {
        return java.util.UUID.fromString(
                new String(java.util.Base64.getUrlDecoder().decode(apiId)).substring("Opportunity:".length()));
    }

    private JsonNode winLoss(String pipeline, LocalDate year, String by) {
        return api.data(
                        WIN_LOSS,
                        Map.of(
                                "from", year.toString(),
                                "to", year.plusYears(1).minusDays(1).toString(),
                                "by", by,
                                "filter", Map.of("pipelineIds", List.of(pipeline))))
                .get("winLossAnalysis");
    }

    private static Map<String, JsonNode> rows(JsonNode rows) {
        Map<String, JsonNode> byKey = new java.util.LinkedHashMap<>();
        rows.forEach(row -> byKey.put(row.get("key").asString(), row));
        return byKey;
    }

    private static JsonNode byLabel(Map<String, JsonNode> rows, String label) {
        return rows.values().stream()
                .filter(r -> r.get("label").asString().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in " + rows.keySet()));
    }

    private static void assertRow(
            JsonNode row, int wins, int losses, String won, String lost, double rate, double low, double high) {
        assertThat(row.get("wins").asInt()).as("wins of %s", row).isEqualTo(wins);
        assertThat(row.get("losses").asInt()).as("losses of %s", row).isEqualTo(losses);
        assertThat(row.get("deals").asInt()).isEqualTo(wins + losses);
        assertThat(row.at("/wonAmount/amount").asString()).as("won of %s", row).isEqualTo(won);
        assertThat(row.at("/lostAmount/amount").asString())
                .as("lost of %s", row)
                .isEqualTo(lost);
        assertThat(row.at("/wonAmount/currency").asString()).isEqualTo("EUR");
        assertThat(row.get("winRate").asDouble()).isCloseTo(rate, within(1e-9));
        assertThat(row.get("winRateLow").asDouble()).as("low of %s", row).isCloseTo(low, within(1e-9));
        assertThat(row.get("winRateHigh").asDouble()).as("high of %s", row).isCloseTo(high, within(1e-9));
    }
}

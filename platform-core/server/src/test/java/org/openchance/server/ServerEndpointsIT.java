package org.openchance.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openchance.server.graphql.GlobalId;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.openchance.testkit.TestServices;
import org.openchance.testkit.browser.HeadlessChromium;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running server over HTTP, against real PostgreSQL and Elasticsearch. */
@ServerTest
class ServerEndpointsIT {

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theFullIntrospectionQueryOfToolsIsAnsweredDespiteTheDepthLimit() {
        // GraphiQL's docs explorer and autocompletion ask this (depth 13): refused as QUERY_TOO_DEEP, the explorer
        // stayed
        // empty. Introspection has its own allowance; an ordinary query of that depth is still refused.
        // data() asserts that the response has no errors
        tools.jackson.databind.JsonNode schema = new org.openchance.testkit.graphql.GraphQlClient(port)
                .data(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY, Map.of())
                .get("__schema");
        assertThat(schema.get("types").findValuesAsString("name")).contains("Opportunity", "Account");
        String deep =
                "{ opportunities { edges { node { account { opportunities { edges { node { account { opportunities {"
                        + " edges { node { account { name } } } } } } } } } } } } }";
        assertThat(graphql(deep)).contains("QUERY_TOO_DEEP");
    }

    /**
     * Only one operation per POST: a JSON array of operations (a batch) is refused before anything runs, and a
     * mutation sent over GET is not run either.
     */
    @Test
    void aBatchBodyAndAMutationOverGetAreRefusedAndRunNothing() {
        String name = "Batch " + java.util.UUID.randomUUID();
        String create = "mutation { createAccount(input: { name: \\\"" + name + "\\\" }) { account { id } } }";
        String one = "{\"query\":\"" + create + "\"}";
        HttpResponse<String> batch = send(HttpRequest.newBuilder(url("/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + admin())
                .POST(HttpRequest.BodyPublishers.ofString("[" + one + "," + one + "]"))
                .build());
        assertThat(batch.statusCode()).isEqualTo(400);
        HttpResponse<String> overGet = send(HttpRequest.newBuilder(url("/graphql?query="
                        + java.net.URLEncoder.encode(
                                create.replace("\\\"", "\""), java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + admin())
                .GET()
                .build());
        assertThat(overGet.statusCode()).isIn(405, 400, 404);
        assertThat(jdbc.queryForObject("select count(*) from account where name = ?", Integer.class, name))
                .isZero();
        // the same mutation as one POST runs: the refusals above were of the shape, not of the mutation
        assertThat(graphql(create.replace("\\\"", "\""))).contains("\"account\":{\"id\"");
        assertThat(jdbc.queryForObject("select count(*) from account where name = ?", Integer.class, name))
                .isOne();
    }

    @Test
    void graphqlAnswersTypename() {
        assertThat(graphql("{ __typename }")).isEqualTo("{\"data\":{\"__typename\":\"Query\"}}");
    }

    @Test
    void schemaIsPublishedAsSdl() {
        String sdl = get("/graphql/schema").body();
        assertThat(sdl).contains("type Query").contains("type User implements Node");
        // node(id: ID!): Node, parsed: with every argument described, the printer spreads a field over lines
        graphql.schema.idl.TypeDefinitionRegistry types = new graphql.schema.idl.SchemaParser().parse(sdl);
        graphql.language.FieldDefinition node = types
                .getType("Query", graphql.language.ObjectTypeDefinition.class)
                .orElseThrow()
                .getFieldDefinitions()
                .stream()
                .filter(f -> f.getName().equals("node"))
                .findFirst()
                .orElseThrow();
        assertThat(graphql.language.AstPrinter.printAst(node.getType())).isEqualTo("Node");
        assertThat(node.getInputValueDefinitions()).singleElement().satisfies(id -> {
            assertThat(id.getName()).isEqualTo("id");
            assertThat(graphql.language.AstPrinter.printAst(id.getType())).isEqualTo("ID!");
        });
    }

    @Test
    void healthReportsDatabaseAndSearch() {
        JsonNode health = JsonMapper.shared().readTree(get("/actuator/health").body());
        assertThat(health.at("/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/search/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/search/details/url").asString())
                .isEqualTo(TestServices.elasticsearch().toString());
    }

    @Test
    void graphiqlIsServedWithAllAssetsFromThisServer() {
        HttpResponse<String> page = get("/graphiql");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("GraphiQL").doesNotContain("http://").doesNotContain("https://");
        Matcher assets = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page.body());
        int found = 0;
        while (assets.find()) {
            found++;
            HttpResponse<String> asset = get(assets.group(1));
            assertThat(asset.statusCode()).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.body()).as(assets.group(1)).hasSizeGreaterThan(1000);
        }
        assertThat(found).as("css, react, react-dom, graphiql").isEqualTo(4);
    }

    /**
     * The web app: its page, modules and libraries answer without credentials (they are static files), every
     * module and library the page names is served from this server, and its data still needs a token.
     */
    @Test
    void theWebAppIsServedAtTheRootWithItsLibrariesAndItsDataNeedsAToken() {
        HttpResponse<String> root = send(HttpRequest.newBuilder(url("/")).GET().build());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/app/");
        HttpResponse<String> page =
                send(HttpRequest.newBuilder(url("/app/")).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("type=\"importmap\"")
                .doesNotContain("http://")
                .doesNotContain("https://");
        Matcher assets = Pattern.compile("\"(/(?:webjars|_static|app)/[^\"]+\\.(?:js|css))\"")
                .matcher(page.body());
        int found = 0;
        while (assets.find()) {
            found++;
            HttpResponse<String> asset =
                    send(HttpRequest.newBuilder(url(assets.group(1))).GET().build());
            assertThat(asset.statusCode()).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.body()).as(assets.group(1)).hasSizeGreaterThan(500);
        }
        assertThat(found)
                .as("preact, hooks, htm, sortablejs, chart.js, app.css, main.js")
                .isEqualTo(7);
        HttpResponse<String> data = send(HttpRequest.newBuilder(url("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { name } }\"}"))
                .build());
        assertThat(data.statusCode()).isEqualTo(401);
    }

    /** The page really renders in a browser that can reach nothing but this server. */
    @Test
    void graphiqlRendersInHeadlessChromiumWithoutNetwork(@TempDir Path profile) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed (.ci/run installs it)");
        List<String> command = new ArrayList<>(List.of(chromium.toString()));
        command.addAll(HeadlessChromium.QUIET_HEADLESS);
        command.addAll(List.of(
                "--user-data-dir=" + profile,
                // Every host name but ours fails to resolve: a CDN asset could not load.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--virtual-time-budget=20000",
                "--dump-dom",
                url("/graphiql").toString()));
        Process browser = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(dom)
                .contains("graphiql-container")
                .contains("CodeMirror")
                .contains("graphiql-execute-button")
                .doesNotContain("Loading GraphiQL");
    }

    @Test
    void userAndManagerResolveByOpaqueIdAndThroughNode() {
        UserRow boss = users.save(UserRow.newEmployee("Berta Boss", "berta@example.com"));
        UserRow partner = users.save(new UserRow(
                UUID.randomUUID(),
                "Paul Partner",
                "paul@partner.example",
                UserKind.PARTNER,
                "Partner GmbH",
                boss.id(),
                true,
                new String[] {"PARTNER"},
                0,
                null,
                null));
        String id = GlobalId.of("User", partner.id());

        String body = graphql("{ user(id: \"" + id + "\") { id name kind company manager { name } } " + "node(id: \""
                + id + "\") { __typename id } }");
        assertThat(body)
                .contains(
                        "\"name\":\"Paul Partner\"",
                        "\"kind\":\"PARTNER\"",
                        "\"company\":\"Partner GmbH\"",
                        "\"manager\":{\"name\":\"Berta Boss\"}",
                        "\"__typename\":\"User\"",
                        "\"id\":\"" + id + "\"");
    }

    @Test
    void unknownOrMalformedIdsResolveToNull() {
        String unknown = GlobalId.of("User", UUID.randomUUID());
        assertThat(graphql("{ user(id: \"" + unknown + "\") { id } node(id: \"not-an-id\") { id } }"))
                .isEqualTo("{\"data\":{\"user\":null,\"node\":null}}");
    }

    @Test
    void repositoryWritesJoinSpringTransactionsAndRollBack() {
        UserRow user = UserRow.newEmployee("Never Saved", "never@example.com");
        tx.executeWithoutResult(status -> {
            users.save(user);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, user.id()))
                .isZero();
        tx.executeWithoutResult(status -> users.save(user));
        assertThat(jdbc.queryForObject("select count(*) from app_user where id = ?", Integer.class, user.id()))
                .isOne();
    }

    private String graphql(String query) {
        String json = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + admin())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A GET as the admin. */
    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(url(path))
                .header("Authorization", "Bearer " + admin())
                .GET()
                .build());
    }

    private String admin() {
        return new org.openchance.testkit.graphql.GraphQlClient(port).token();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request to " + request.uri() + " failed", e);
        }
    }
}

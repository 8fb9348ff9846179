package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who gets in and what they may do: sign-in, refresh, refused tokens, API keys, roles, partners, brute force. */
@ServerTest
class SecurityIT {

    private static final String ME = "{ me { email roles } }";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient admin() {
        return new GraphQlClient(port);
    }

    @Test
    void withoutCredentialsOnlyHealthAndSignInAnswerAndTheRestIs401WithAJsonError() throws Exception {
        HttpResponse<String> graphql = raw("POST", "/graphql", "{\"query\":\"{ me { id } }\"}", null);
        assertThat(graphql.statusCode()).isEqualTo(401);
        assertThat(graphql.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(JsonMapper.shared().readTree(graphql.body()).path("error").asString())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(raw("GET", "/graphql/schema", null, null).statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/attachments/" + UUID.randomUUID(), null, null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> health = raw("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components"); // status only
        // an admin sees the components (the servlet API's isUserInRole must know the caller's roles)
        assertThat(raw("GET", "/actuator/health", null, admin().token()).body())
                .contains("\"components\"")
                .contains("\"background\"");
        assertThat(raw("GET", "/graphiql", null, null).statusCode()).isEqualTo(200);
        // the web app's static files and the list of ways to sign in; its data needs a token like any client's
        assertThat(raw("GET", "/app/", null, null).statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/app/js/main.js", null, null).statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/auth/providers", null, null).body()).isEqualTo("{\"password\":true,\"oidc\":null}");
        assertThat(raw("POST", "/auth/providers", "{}", null).statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/app/../graphql/schema", null, null).statusCode())
                .isNotEqualTo(200);
    }

    @Test
    void signInGivesTokensRefreshRotatesAReplayEndsTheFamilyAndLogoutRevokes() {
        GraphQlClient api = admin();
        JsonNode tokens = api.signIn(GraphQlClient.ADMIN_EMAIL, GraphQlClient.ADMIN_PASSWORD);
        assertThat(tokens.path("expiresIn").asLong()).isEqualTo(900);
        assertThat(api.as(tokens.path("accessToken").asString())
                        .data(ME, Map.of())
                        .at("/me/roles/0")
                        .asString())
                .isEqualTo("ADMIN");

        String first = tokens.path("refreshToken").asString();
        HttpResponse<String> refreshed = api.post("/auth/refresh", Map.of("refreshToken", first), null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String second = JsonMapper.shared()
                .readTree(refreshed.body())
                .path("refreshToken")
                .asString();
        assertThat(second).isNotEqualTo(first);
        // the first one again: a replay. Refused, and the whole sign-in ends (the second one too).
        assertThat(api.post("/auth/refresh", Map.of("refreshToken", first), null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(api.post("/auth/refresh", Map.of("refreshToken", second), null)
                        .statusCode())
                .isEqualTo(401);

        String other = api.signIn(GraphQlClient.ADMIN_EMAIL, GraphQlClient.ADMIN_PASSWORD)
                .path("refreshToken")
                .asString();
        assertThat(api.post("/auth/logout", Map.of("refreshToken", other), null).statusCode())
                .isEqualTo(204);
        assertThat(api.post("/auth/refresh", Map.of("refreshToken", other), null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void forgedExpiredAndForeignTokensAre401() throws Exception {
        String valid = admin().token();
        String[] parts = valid.split("\\.");
        JsonNode claims = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[1]));
        String sub = claims.path("sub").asString();

        // payload changed after signing (another user id)
        String tampered = parts[0] + "."
                + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(sub, UUID.randomUUID().toString()))
                + "." + parts[2];
        // alg none
        String none = b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        // HS256 "signed" with a key anyone could have (the classic public-key-as-HMAC-secret confusion)
        SignedJWT hmac = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256), ours(sub, Instant.now().plusSeconds(600)));
        hmac.sign(new MACSigner(new byte[32]));
        // RS256 with a key the server does not know (unknown kid)
        var stranger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
        SignedJWT unknownKid = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown-kid").build(),
                ours(sub, Instant.now().plusSeconds(600)));
        unknownKid.sign(new RSASSASigner(stranger));
        // another issuer
        SignedJWT foreign = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown-kid").build(),
                new JWTClaimsSet.Builder()
                        .issuer("https://evil.example")
                        .subject(sub)
                        .audience("openchance")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        foreign.sign(new RSASSASigner(stranger));

        for (String token : List.of(
                tampered,
                none,
                hmac.serialize(),
                unknownKid.serialize(),
                foreign.serialize(),
                "not-a-jwt",
                "oc_0123456789abcdef0123456789abcdef_" + "A".repeat(43))) {
            HttpResponse<String> response = raw("POST", "/graphql", "{\"query\":\"{ me { id } }\"}", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from audit_entry where operation = 'token' and outcome = 'DENIED'",
                                Long.class)
                        >= 7);
    }

    @Test
    void apiKeysWorkNarrowedToTheirScopesAndStopWhenRevoked() throws Exception {
        GraphQlClient api = admin();
        JsonNode created = api.mutate("createApiKey", Map.of("name", "ERP sync", "scopes", List.of("READ")));
        String secret = created.path("secret").asString();
        assertThat(secret).startsWith("oc_");
        String keyId = created.at("/apiKey/id").asString();
        GraphQlClient key = api.as(secret);
        assertThat(key.data(ME, Map.of()).at("/me/email").asString()).isEqualTo(GraphQlClient.ADMIN_EMAIL);
        // stateless: no session, no cookie, also not for the second request with the same (remembered) key
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> me = raw("POST", "/graphql", "{\"query\":\"{ me { id } }\"}", secret);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.headers().firstValue("Set-Cookie")).isEmpty();
        }
        // READ only: a mutation is refused as an operation, with code FORBIDDEN
        JsonNode write = key.execute(
                "mutation { createAccount(input: { name: \"Schlüssel GmbH\" }) { account { id } errors { code } } }",
                Map.of());
        assertThat(write.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
        assertThat(jdbc.queryForObject("select count(*) from account where name = 'Schlüssel GmbH'", Long.class))
                .isZero();
        // listed without secrets
        JsonNode keys =
                api.data("{ apiKeys { id name scopes revokedAt } }", Map.of()).get("apiKeys");
        assertThat(keys.toString()).contains("ERP sync").doesNotContain(secret.substring(36));

        api.mutate("revokeApiKey", Map.of("id", keyId));
        HttpResponse<String> after = raw("POST", "/graphql", "{\"query\":\"{ me { id } }\"}", secret);
        assertThat(after.statusCode()).isEqualTo(401);
    }

    /** The server keeps the caller's rows for a few seconds; a change through the API must not wait for that. */
    @Test
    void aChangedRoleOrADeactivationTakesEffectOnTheNextRequest() throws Exception {
        GraphQlClient api = admin();
        String user = api.fixtures().anEmployee("Rolf Wechsel", "rolf@example.com");
        GraphQlClient rolf = api.fixtures().signedIn(user);
        String key = rolf.mutate("createApiKey", Map.of("name", "Rolfs Skript", "scopes", List.of("READ", "WRITE")))
                .path("secret")
                .asString();
        String create =
                "mutation { createAccount(input: { name: \"Wechsel KG\" }) { account { id } errors { code } } }";
        assertThat(rolf.data(ME, Map.of()).at("/me/roles").toString()).isEqualTo("[\"SALES\"]");
        assertThat(rolf.as(key).data(ME, Map.of()).at("/me/email").asString()).isEqualTo("rolf@example.com");

        String update =
                "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { version } errors { code } } }";
        api.ok(update, "updateUser", Map.of("id", user, "expectedVersion", 0, "roles", List.of("READ_ONLY")));
        assertThat(rolf.data(ME, Map.of()).at("/me/roles").toString()).isEqualTo("[\"READ_ONLY\"]");
        for (GraphQlClient client : List.of(rolf, rolf.as(key))) {
            assertThat(client.execute(create, Map.of())
                            .at("/errors/0/extensions/code")
                            .asString())
                    .isEqualTo("FORBIDDEN");
        }

        api.ok(update, "updateUser", Map.of("id", user, "expectedVersion", 1, "active", false));
        assertThat(raw("POST", "/graphql", "{\"query\":\"{ me { id } }\"}", rolf.token())
                        .statusCode())
                .isEqualTo(401);
        assertThat(raw("POST", "/graphql", "{\"query\":\"{ me { id } }\"}", key).statusCode())
                .isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from account where name = 'Wechsel KG'", Long.class))
                .isZero();
    }

    @Test
    void rolesDecideOperationsAndPartnersSeeOnlyTheirDealsWithoutTheBudget() {
        GraphQlClient api = admin();
        String salesId = api.createEmployee("Sandra Sales", "sandra@example.com");
        GraphQlClient sales = api.fixtures().signedIn(salesId);
        JsonNode refused = sales.execute(
                "mutation { createUser(input: { name: \"X\", email: \"x@example.com\", kind: EMPLOYEE }) { user { id } errors { code } } }",
                Map.of());
        assertThat(refused.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
        assertThat(sales.execute("{ webhooks { id } }", Map.of())
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("FORBIDDEN");

        String partnerId = api.fixtures().aPartner("Paula Partner", "paula@partner.example", "Partner AG");
        GraphQlClient partner = api.fixtures().signedIn(partnerId);
        String account = api.fixtures().anAccount("Partnerkunde GmbH");
        String theirs = api.fixtures()
                .anOpportunity(account, "Mit Partner", Map.of("budget", Map.of("amount", "50000", "currency", "EUR")));
        String notTheirs = api.fixtures().anOpportunity(account, "Ohne Partner");
        api.ok(
                "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { opportunity { id } errors { code } } }",
                "addTeamMember",
                Map.of("opportunityId", theirs, "userId", partnerId, "role", "Implementierung", "access", "READ"));

        String log =
                "mutation($input: LogActivityInput!) { logActivity(input: $input) { activity { id } errors { code } } }";
        api.ok(
                log,
                "logActivity",
                Map.of("opportunityId", theirs, "type", "CALL", "subject", "Mit Partner besprochen"));
        api.ok(log, "logActivity", Map.of("opportunityId", notTheirs, "type", "NOTE", "subject", "Intern"));
        api.ok(log, "logActivity", Map.of("accountId", account, "type", "NOTE", "subject", "Konto intern"));
        String contact = api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                        "createContact",
                        Map.of("accountId", account, "lastName", "Kontakt"))
                .at("/contact/id")
                .asString();

        JsonNode seen = partner.data(
                "query($a: ID!, $b: ID!) { a: opportunity(id: $a) { name budget { amount } account { name } }"
                        + " b: opportunity(id: $b) { name } nb: node(id: $b) { id }"
                        + " opportunities(first: 50) { totalCount edges { node { id } } } }",
                Map.of("a", theirs, "b", notTheirs));
        assertThat(seen.at("/a/name").asString()).isEqualTo("Mit Partner");
        assertThat(seen.at("/a/budget").isNull()).isTrue(); // hidden from partners
        assertThat(seen.at("/a/account/name").asString()).isEqualTo("Partnerkunde GmbH");
        assertThat(seen.get("b").isNull()).isTrue();
        assertThat(seen.get("nb").isNull()).isTrue();
        assertThat(seen.at("/opportunities/totalCount").asLong()).isEqualTo(1);
        // through their deal's account: only their deal, its activities, and no contact that is not on it
        JsonNode around = partner.data(
                        "query($a: ID!) { opportunity(id: $a) { account { opportunities { totalCount }"
                                + " activities { totalCount edges { node { subject } } } contacts { totalCount } } } }",
                        Map.of("a", theirs))
                .at("/opportunity/account");
        assertThat(around.at("/opportunities/totalCount").asLong()).isEqualTo(1);
        assertThat(around.at("/activities/totalCount").asLong()).isEqualTo(1);
        assertThat(around.at("/activities/edges/0/node/subject").asString()).isEqualTo("Mit Partner besprochen");
        assertThat(around.at("/contacts/totalCount").asLong()).isZero();
        assertThat(contact).isNotBlank();
        // an account by id is not open to partners
        assertThat(partner.execute("query($id: ID!) { account(id: $id) { id } }", Map.of("id", account))
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("FORBIDDEN");
        // READ access: no changes, and no adding themselves (or anyone) to a team
        JsonNode add = partner.data(
                        "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { opportunity { id } errors { code } } }",
                        Map.of("input", Map.of("opportunityId", notTheirs, "userId", partnerId, "role", "Ich")))
                .get("addTeamMember");
        assertThat(add.at("/errors/0/code").asString()).isEqualTo("NOT_FOUND"); // existence does not leak
        assertThat(jdbc.queryForObject(
                        "select count(*) from opportunity_team_member where user_id = ?",
                        Long.class,
                        UUID.fromString(jdbc.queryForObject(
                                "select id::text from app_user where email = 'paula@partner.example'", String.class))))
                .isOne();
    }

    @Test
    void repeatedFailedSignInsBackOffAndAreAudited() {
        GraphQlClient api = admin();
        String email = "nobody-" + UUID.randomUUID() + "@example.com";
        int refusedAsWrong = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 7; i++) {
            last = api.post("/auth/login", Map.of("email", email, "password", "wrong-password"), null);
            if (last.statusCode() == 401) {
                refusedAsWrong++;
            }
        }
        assertThat(refusedAsWrong).isEqualTo(5); // then the account waits
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from audit_entry where operation = 'login' and outcome = 'FAILED'"
                                        + " and detail->>'email' = ?",
                                Long.class,
                                email)
                        == 7);
    }

    @Test
    void everyMutationIsAuditedWithActorRecordAndChangesButNeverASecret() {
        GraphQlClient api = admin();
        String account = api.fixtures().anAccount("Prüfpfad GmbH", Map.of("industry", "Revision"));
        String salesId = api.createEmployee("Anna Audit", "anna@example.com");
        GraphQlClient sales = api.fixtures().signedIn(salesId);
        sales.data(
                "mutation { changePassword(input: { currentPassword: \"password-of-" + salesId
                        + "\", newPassword: \"a-new-long-password\" }) { changed errors { code } } }",
                Map.of());

        String list = "query($f: AuditFilter) { auditLog(filter: $f, first: 5) { totalCount edges { node {"
                + " at actor { email } operation recordType recordId outcome address changes { field newValue }"
                + " detail } } } }";
        JsonNode created =
                api.data(list, Map.of("f", Map.of("recordId", account))).at("/auditLog/edges/0/node");
        assertThat(created.path("operation").asString()).isEqualTo("Mutation.createAccount");
        assertThat(created.at("/actor/email").asString()).isEqualTo(GraphQlClient.ADMIN_EMAIL);
        assertThat(created.path("recordId").asString()).isEqualTo(account);
        assertThat(created.path("outcome").asString()).isEqualTo("OK");
        assertThat(created.path("address").asString()).isEqualTo("127.0.0.1");
        assertThat(created.path("changes").toString())
                .contains("\"field\":\"industry\"")
                .contains("Revision");

        // a change of an existing record: the fields that changed, old and new, and nothing else
        api.ok(
                "mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { errors { code } } }",
                "updateAccount",
                Map.of("id", account, "expectedVersion", 0, "industry", "Prüfung", "name", "Prüfpfad GmbH"));
        JsonNode updated = api.data(
                        "query($f: AuditFilter) { auditLog(filter: $f, first: 1) { edges { node { operation"
                                + " changes { field oldValue newValue } } } } }",
                        Map.of("f", Map.of("recordId", account, "operation", "Mutation.updateAccount")))
                .at("/auditLog/edges/0/node");
        assertThat(updated.path("changes").toString())
                .isEqualTo("[{\"field\":\"industry\",\"oldValue\":\"Revision\",\"newValue\":\"Prüfung\"}]");

        JsonNode changed = api.data(list, Map.of("f", Map.of("operation", "Mutation.changePassword")))
                .at("/auditLog/edges/0/node");
        assertThat(changed.at("/actor/email").asString()).isEqualTo("anna@example.com");
        assertThat(changed.path("detail").asString())
                .contains("(left out)")
                .doesNotContain("a-new-long-password")
                .doesNotContain("password-of-");

        // a record one may only read: refused, and audited as failed with the code
        String deal = api.fixtures().anOpportunity(account, "Nur lesen");
        JsonNode refused = api.fixtures()
                .signedIn(api.fixtures().anEmployee("Lea Lesen", "lea@example.com", List.of("READ_ONLY"), null))
                .execute(
                        "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) {"
                                + " opportunity { id } errors { code } } }",
                        Map.of("input", Map.of("id", deal, "expectedVersion", 0, "name", "x")));
        assertThat(refused.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.data(
                                        list,
                                        Map.of(
                                                "f",
                                                Map.of("outcome", "DENIED", "operation", "Mutation.updateOpportunity")))
                                .at("/auditLog/totalCount")
                                .asLong()
                        >= 1);
    }

    private static JWTClaimsSet ours(String sub, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer("openchance")
                .audience("openchance")
                .subject(sub)
                .issueTime(new Date())
                .expirationTime(Date.from(expires))
                .build();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> raw(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

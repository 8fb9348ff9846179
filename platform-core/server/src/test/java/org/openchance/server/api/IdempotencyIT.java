package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mutation sent with an {@code Idempotency-Key} runs once: retries and concurrent copies get the first answer, the
 * key used for another request is refused, and keys are per caller and kept for a day.
 */
@ServerTest
class IdempotencyIT {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String CREATE = "mutation($input: CreateAccountInput!) { createAccount(input: $input) {"
            + " account { id name } errors { code field message } } }";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        api = new GraphQlClient(port);
    }

    @Test
    void fiftyConcurrentCreatesWithOneKeyMakeOneRecordAndAllGetItsAnswer() throws Exception {
        String name = "Idempotent " + UUID.randomUUID();
        String key = "create-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int replayed = 0;
        try {
            String token = api.token();
            for (int i = 0; i < 50; i++) {
                Callable<HttpResponse<String>> call = () -> send(token, key, CREATE, Map.of("name", name));
                sent.add(pool.submit(call));
            }
            for (Future<HttpResponse<String>> answer : sent) {
                HttpResponse<String> response = answer.get();
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.has("errors")).as(response.body()).isFalse();
                ids.add(body.at("/data/createAccount/account/id").asString());
                if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
                    replayed++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        String made = ids.get(0);
        assertThat(ids).hasSize(50).containsOnly(made);
        assertThat(made).isNotBlank();
        assertThat(replayed).isEqualTo(49);
        assertThat(jdbc.queryForObject("select count(*) from account where name = ?", Integer.class, name))
                .isEqualTo(1);

        // a retry later gets the same answer; without a key, the same request makes another record
        JsonNode again = JSON.readTree(
                send(api.token(), key, CREATE, Map.of("name", name)).body());
        assertThat(again.at("/data/createAccount/account/id").asString()).isEqualTo(made);
        JsonNode fresh = JSON.readTree(
                send(api.token(), null, CREATE, Map.of("name", name)).body());
        assertThat(fresh.at("/data/createAccount/account/id").asString()).isNotEqualTo(made);
        assertThat(jdbc.queryForObject("select count(*) from account where name = ?", Integer.class, name))
                .isEqualTo(2);
    }

    @Test
    void theKeyOfAnotherRequestIsRefusedAndNothingIsWritten() throws Exception {
        String key = "mismatch-" + UUID.randomUUID();
        String first = "First " + UUID.randomUUID();
        String second = "Second " + UUID.randomUUID();
        JsonNode made = JSON.readTree(
                send(api.token(), key, CREATE, Map.of("name", first)).body());
        assertThat(made.at("/data/createAccount/account/name").asString()).isEqualTo(first);

        JsonNode other = JSON.readTree(
                send(api.token(), key, CREATE, Map.of("name", second)).body());
        assertThat(other.at("/errors/0/extensions/code").asString()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(jdbc.queryForObject("select count(*) from account where name = ?", Integer.class, second))
                .isZero();

        // keys are the caller's own: another user's request under the same key runs
        GraphQlClient colleague = api.fixtures().signedInEmployee("Ida Idem", "ida.idem@example.com");
        JsonNode theirs = JSON.readTree(
                send(colleague.token(), key, CREATE, Map.of("name", second)).body());
        assertThat(theirs.at("/data/createAccount/account/name").asString()).isEqualTo(second);

        // and so are the credential's: the same user's API key under the same key runs the first request anew
        String secret = api.data(
                        "mutation { createApiKey(input: { name: \"idempotency\", scopes: [READ, WRITE] }) { secret } }",
                        Map.of())
                .at("/createApiKey/secret")
                .asString();
        HttpResponse<String> viaKey = send(secret, key, CREATE, Map.of("name", first));
        assertThat(viaKey.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from account where name = ?", Integer.class, first))
                .isEqualTo(2);

        // a bad key is refused; queries ignore the header
        JsonNode tooLong = JSON.readTree(send(api.token(), "k".repeat(256), CREATE, Map.of("name", second))
                .body());
        assertThat(tooLong.at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
        JsonNode query = JSON.readTree(
                send(api.token(), key, "{ me { email } }", Map.of()).body());
        assertThat(query.has("errors")).isFalse();
        assertThat(query.at("/data/me/email").asString()).contains("@");
    }

    @Test
    void aKeyIsKeptForADayThenFreeAgainAndAFailedRequestGivesItBack() throws Exception {
        String key = "expiring-" + UUID.randomUUID();
        String name = "Tagesfrist " + UUID.randomUUID();
        send(api.token(), key, CREATE, Map.of("name", name));
        jdbc.update("update idempotency_key set created_at = now() - interval '25 hours' where key = ?", key);
        JsonNode later = JSON.readTree(
                send(api.token(), key, CREATE, Map.of("name", name)).body());
        assertThat(later.has("errors")).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from account where name = ?", Integer.class, name))
                .isEqualTo(2);

        // user errors in the payload are an answer (kept); an error of the whole request is not: the key is given back
        String refusedKey = "refused-" + UUID.randomUUID();
        JsonNode invalid = JSON.readTree(
                send(api.token(), refusedKey, CREATE, Map.of("name", " ")).body());
        assertThat(invalid.at("/data/createAccount/errors/0/code").asString()).isEqualTo("VALIDATION");
        assertThat(jdbc.queryForObject(
                        "select count(*) from idempotency_key where key = ? and response is not null",
                        Integer.class,
                        refusedKey))
                .isEqualTo(1);
        String brokenKey = "broken-" + UUID.randomUUID();
        JsonNode broken = JSON.readTree(send(
                        api.token(),
                        brokenKey,
                        "mutation { createAccount(input: { nosuchfield: 1 }) { account { id } } }",
                        Map.of())
                .body());
        assertThat(broken.has("errors")).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where key = ?", Integer.class, brokenKey))
                .isZero();
    }

    private HttpResponse<String> send(String token, String key, String document, Map<String, ?> input)
            throws Exception {
        Map<String, Object> body =
                Map.of("query", document, "variables", input.isEmpty() ? Map.of() : Map.of("input", input));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One noisy caller meets the per-caller limit (here 5 a second, 5 at once): THROTTLED with a Retry-After, while
 * another caller at the same moment is served, and the noisy one again once its bucket refilled.
 */
@ServerTest(properties = {"openchance.rate-limit.requests-per-second=5", "openchance.rate-limit.burst=5"})
class RateLimitIT {

    private static final String QUERY = "{\"query\":\"{ me { email } }\"}";

    @LocalServerPort
    int port;

    HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNoisyCallerIsThrottledAndOthersAreNot() throws Exception {
        GraphQlClient api = new GraphQlClient(port);
        String noisy = api.token();
        GraphQlClient other = api.fixtures().signedInEmployee("Ruhig Rita", "ruhig.rita@example.com");
        String quiet = other.token();
        Thread.sleep(1_200); // the admin's bucket, used to make the colleague, full again

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = send(noisy);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429 && refused == null) {
                refused = response;
            }
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200); // the burst
        assertThat(statuses).contains(429);
        assertThat(refused).isNotNull();
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 5));
        JsonNode body = JsonMapper.shared().readTree(refused.body());
        assertThat(body.at("/errors/0/extensions/code").asString()).isEqualTo("THROTTLED");

        // another caller right now: served
        HttpResponse<String> theirs = send(quiet);
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(theirs.body()).contains("ruhig.rita@example.com");

        // the noisy one, once its bucket has refilled
        Thread.sleep(1_200);
        assertThat(send(noisy).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(QUERY))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

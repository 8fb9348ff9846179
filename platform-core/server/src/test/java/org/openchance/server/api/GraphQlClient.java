package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Posts GraphQL documents to the running server, as a front-end app does. */
final class GraphQlClient {

    private static final JsonMapper JSON = JsonMapper.shared();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;

    GraphQlClient(int port) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/graphql");
    }

    /** The whole response: {@code data} and {@code errors}. */
    JsonNode execute(String document, Map<String, ?> variables) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@code data}, asserting there were no GraphQL errors. */
    JsonNode data(String document, Map<String, ?> variables) {
        JsonNode response = execute(document, variables);
        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        return response.get("data");
    }

    /** A mutation's payload, asserting it has no user errors. */
    JsonNode ok(String mutation, String field, Map<String, ?> input) {
        JsonNode payload = data(mutation, Map.of("input", input)).get(field);
        assertThat(payload.get("errors").size()).as(payload.toString()).isZero();
        return payload;
    }

    /** A mutation's user errors (the payload's object must be null). */
    JsonNode errors(String mutation, String field, String objectField, Map<String, ?> input) {
        JsonNode payload = data(mutation, Map.of("input", input)).get(field);
        assertThat(payload.get(objectField).isNull()).as(payload.toString()).isTrue();
        assertThat(payload.get("errors").size()).as(payload.toString()).isPositive();
        return payload.get("errors");
    }

    /** Creates an employee (the first one is the current user); returns the user's id. */
    String createEmployee(String name, String email) {
        return ok("mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { code } } }",
                "createUser", Map.of("name", name, "email", email, "kind", "EMPLOYEE")).at("/user/id").asString();
    }
}

package org.openchance.testkit.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts GraphQL documents to the running server over HTTP, as a front-end app does, and checks the payload contract:
 * no GraphQL errors, and user errors as data. Documents are given inline or by name: {@code createAccount} is the file
 * {@code graphql/createAccount.graphql} on the test's classpath ({@code src/test/resources/graphql/}), else the
 * testkit's own (the fixtures').
 */
public final class GraphQlClient {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;

    public GraphQlClient(int port) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/graphql");
    }

    /** The whole response: {@code data} and {@code errors}. */
    public JsonNode execute(String document, Map<String, ?> variables) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@code data}, asserting there were no GraphQL errors. */
    public JsonNode data(String document, Map<String, ?> variables) {
        JsonNode response = execute(document, variables);
        assertThat(response.path("errors").isMissingNode())
                .as(response.toString())
                .isTrue();
        return response.get("data");
    }

    /** A mutation's payload, asserting it has no user errors. */
    public JsonNode ok(String mutation, String field, Map<String, ?> input) {
        JsonNode payload = data(mutation, Map.of("input", input)).get(field);
        assertThat(payload.get("errors").size()).as(payload.toString()).isZero();
        return payload;
    }

    /** A mutation's user errors (the payload's object must be null). */
    public JsonNode errors(String mutation, String field, String objectField, Map<String, ?> input) {
        JsonNode payload = data(mutation, Map.of("input", input)).get(field);
        assertThat(payload.get(objectField).isNull()).as(payload.toString()).isTrue();
        assertThat(payload.get("errors").size()).as(payload.toString()).isPositive();
        return payload.get("errors");
    }

    /**
     * The payload of the mutation in document {@code name} (its field has the same name, e.g. {@code createAccount}),
     * asserting it has no user errors.
     */
    public JsonNode mutate(String name, Map<String, ?> input) {
        return ok(document(name), name, input);
    }

    /** The {@code data} of the query in document {@code name}, asserting there were no GraphQL errors. */
    public JsonNode query(String name, Map<String, ?> variables) {
        return data(document(name), variables);
    }

    /** Records made through this client: {@code api.fixtures().anAccount("Müller GmbH")}. */
    public Fixtures fixtures() {
        return new Fixtures(this);
    }

    /** Creates an employee (the first one is the current user); returns the user's id. */
    public String createEmployee(String name, String email) {
        return fixtures().anEmployee(name, email);
    }

    /** The text of the named document; see the class comment for where it is looked up. */
    public static String document(String name) {
        return DOCUMENTS.computeIfAbsent(name, GraphQlClient::load);
    }

    private static String load(String name) {
        ClassLoader loader = GraphQlClient.class.getClassLoader();
        for (String path :
                new String[] {"graphql/" + name + ".graphql", "openchance-testkit/graphql/" + name + ".graphql"}) {
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("No GraphQL document " + name + ": neither graphql/" + name
                + ".graphql (src/test/resources) nor the testkit's");
    }
}

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
 * <p>{@code new GraphQlClient(port)} acts as the admin that {@link org.openchance.testkit.server.ServerTest} servers
 * start with (signed in on first use); {@link #as(String)} acts with another token, {@code fixtures().signedIn(id)}
 * as another user.
 */
public final class GraphQlClient {

    /** The e-mail and password of the admin every {@code @ServerTest} server starts with. */
    public static final String ADMIN_EMAIL = "admin@openchance.local";

    public static final String ADMIN_PASSWORD = "test-admin-password";

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final URI endpoint;
    /** The bearer token; null: sign in as the admin on first use. */
    private volatile String token;

    public GraphQlClient(int port) {
        this(port, null);
    }

    private GraphQlClient(int port, String token) {
        this.port = port;
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/graphql");
        this.token = token;
    }

    /** A client of the same server that sends this bearer token (an access token or an API key). */
    public GraphQlClient as(String bearerToken) {
        return new GraphQlClient(port, bearerToken);
    }

    public int port() {
        return port;
    }

    /** The bearer token this client sends (signing in as the admin if it has none yet). */
    public String token() {
        if (token == null) {
            token = signIn(ADMIN_EMAIL, ADMIN_PASSWORD).path("accessToken").asString();
        }
        return token;
    }

    /** {@code POST /auth/login}; asserts it succeeded and returns the tokens. */
    public JsonNode signIn(String email, String password) {
        HttpResponse<String> response = post("/auth/login", Map.of("email", email, "password", password), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A JSON POST to a path of the server, with an optional bearer token; the raw answer. */
    public HttpResponse<String> post(String path, Object body, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The whole response: {@code data} and {@code errors}. */
    public JsonNode execute(String document, Map<String, ?> variables) {
        HttpResponse<String> response = post("/graphql", Map.of("query", document, "variables", variables), token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
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

    /** Creates an employee; returns the user's id. */
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

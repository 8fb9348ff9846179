package org.openchance.testkit.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a test needs, made through the public API like any front end would: {@code anAccount("Müller GmbH")},
 * {@code anOpportunity(account, "Line automation")}, {@code anEmployee(...)}, {@code aPartner(...)}. Each returns the
 * new record's API id; extra fields go in a map with the input's names.
 */
public final class Fixtures {

    private final GraphQlClient api;

    public Fixtures(GraphQlClient api) {
        this.api = api;
    }

    public String anAccount(String name) {
        return anAccount(name, Map.of());
    }

    public String anAccount(String name, Map<String, ?> fields) {
        return api.mutate("createAccount", with(fields, "name", name))
                .at("/account/id")
                .asString();
    }

    public String anOpportunity(String accountId, String name) {
        return anOpportunity(accountId, name, Map.of());
    }

    public String anOpportunity(String accountId, String name, Map<String, ?> fields) {
        Map<String, Object> input = with(fields, "name", name);
        input.put("accountId", accountId);
        return api.mutate("createOpportunity", input).at("/opportunity/id").asString();
    }

    /** An opportunity on an account of its own (named after it). */
    public String anOpportunity(String name) {
        return anOpportunity(anAccount(name + " GmbH"), name);
    }

    /** An employee with the role SALES. */
    public String anEmployee(String name, String email) {
        return aUser(name, email, "EMPLOYEE", Map.of());
    }

    /** An employee with these roles (ADMIN, MANAGER, SALES, READ_ONLY) and, if not null, this manager. */
    public String anEmployee(String name, String email, List<String> roles, String managerId) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("roles", roles);
        if (managerId != null) {
            fields.put("managerId", managerId);
        }
        return aUser(name, email, "EMPLOYEE", fields);
    }

    /**
     * A client signed in as an employee with the roles ADMIN and SALES, made on first use (per server): for tests
     * whose records should be owned by a named person rather than the start-up admin.
     */
    public GraphQlClient signedInEmployee(String name, String email) {
        return SIGNED_IN.computeIfAbsent(api.port() + "/" + email, key -> {
            String id = anEmployee(name, email, List.of("ADMIN", "SALES"), null);
            return signedIn(id);
        });
    }

    private static final Map<String, GraphQlClient> SIGNED_IN = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A client signed in as the user: the admin resets their password, and the one-time link sets a new one, as a
     * user who got the reset link would.
     */
    public GraphQlClient signedIn(String userId) {
        String link = api.mutate("resetPassword", Map.of("userId", userId))
                .path("linkToken")
                .asString();
        HttpResponse<String> accepted =
                api.post("/auth/accept", Map.of("token", link, "password", "password-of-" + userId), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        return api.as(JsonMapper.shared()
                .readTree(accepted.body())
                .path("accessToken")
                .asString());
    }

    /** An external partner who works deals with the employees. */
    public String aPartner(String name, String email, String company) {
        return aUser(name, email, "PARTNER", Map.of("company", company));
    }

    private String aUser(String name, String email, String kind, Map<String, ?> fields) {
        Map<String, Object> input = with(fields, "name", name);
        input.put("email", email);
        input.put("kind", kind);
        return api.mutate("createUser", input).at("/user/id").asString();
    }

    private static Map<String, Object> with(Map<String, ?> fields, String key, Object value) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put(key, value);
        return input;
    }
}

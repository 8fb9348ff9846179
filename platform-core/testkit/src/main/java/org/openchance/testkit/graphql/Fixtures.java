package org.openchance.testkit.graphql;

import java.util.HashMap;
import java.util.Map;

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

    /** An employee (the first user of a database is the current user until login arrives). */
    public String anEmployee(String name, String email) {
        return aUser(name, email, "EMPLOYEE", Map.of());
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

package org.openchance.benchmark;

import java.util.List;

/**
 * One thing to measure: GraphQL requests that clients send in turn, and the SQL the server issues for each of them,
 * with the same parameters, as pgbench scripts (one script per request: pgbench cannot carry a list of ids).
 */
record Scenario(String name, List<Request> requests) {

    /**
     * @param body     the GraphQL request (JSON)
     * @param expected text the answer must contain (an id), so a wrong answer counts as an error, not as speed
     * @param sql      the statements the server runs for it, in order, separated by {@code ;\n}
     */
    record Request(String body, String expected, String sql) {}
}

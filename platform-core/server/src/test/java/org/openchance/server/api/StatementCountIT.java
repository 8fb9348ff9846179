package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchance.server.event.EventDispatcher;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** No N+1: a page of 50 opportunities with account, owner, stage and team costs a constant number of statements. */
@ServerTest
class StatementCountIT {

    static final AtomicInteger STATEMENTS = new AtomicInteger();

    /** Counts every statement prepared on any connection of the application's data source by a request thread. */
    @TestConfiguration
    static class CountStatements {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource dataSource)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(
                            DataSource.class.getClassLoader(),
                            new Class<?>[] {DataSource.class},
                            (proxy, method, args) -> {
                                Object result = invoke(method, dataSource, args);
                                return result instanceof Connection c ? counting(c) : result;
                            });
                }
            };
        }

        private static Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        // only what serving HTTP requests costs, not the background workers (events, search setup)
                        if ((method.getName().startsWith("prepare")
                                        || method.getName().equals("createStatement"))
                                && Thread.currentThread().getName().startsWith("http-nio-")) {
                            STATEMENTS.incrementAndGet();
                        }
                        return invoke(method, connection, args);
                    });
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EventDispatcher dispatcher;

    @Test
    void pageOfFiftyWithRelationsCostsAConstantNumberOfStatements() {
        GraphQlClient api = new GraphQlClient(port);
        api.createEmployee("Owner", "owner@example.com");
        String partner = api.ok(
                        "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { code } } }",
                        "createUser",
                        Map.of("name", "Partner", "email", "p@partner.example", "kind", "PARTNER", "company", "P"))
                .at("/user/id")
                .asString();
        for (int a = 0; a < 10; a++) {
            String account = api.fixtures().anAccount("Account " + a);
            for (int o = 0; o < 5; o++) {
                String id = api.ok(
                                "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                                "createOpportunity",
                                Map.of("name", "Deal " + a + "-" + o, "accountId", account))
                        .at("/opportunity/id")
                        .asString();
                api.ok(
                        "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { opportunity { id } errors { code } } }",
                        "addTeamMember",
                        Map.of("opportunityId", id, "userId", partner, "role", "Partner"));
            }
        }

        // the listeners (search indexer, webhooks) work in the background: let them finish before counting
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) dispatcher.backlog().get("pending")).longValue() == 0);
        STATEMENTS.set(0);
        var page = api.data("""
                { opportunities(first: 50) { edges { node { name account { name owner { name } } owner { name }
                    stage { name } team { role user { name } } } } } }""", Map.of()).at("/opportunities/edges");
        int statements = STATEMENTS.get();

        assertThat(page.size()).isEqualTo(50);
        assertThat(page.get(49).at("/node/team/0/user/name").asString()).isEqualTo("Partner");
        // ids, rows, accounts, account owners, owners, stages, team members, their users: 8, whatever the page size
        assertThat(statements).as("statements counted").isBetween(3, 8);
    }

    @Test
    void aPageOfDealsWithTheirLatestActivitiesCostsAConstantNumberOfStatements() {
        GraphQlClient api = new GraphQlClient(port);
        String account = api.fixtures().anAccount("Zeitleisten AG");
        java.time.OffsetDateTime base = java.time.OffsetDateTime.parse("2026-11-02T09:00:00Z");
        for (int o = 0; o < 20; o++) {
            String deal = api.fixtures().anOpportunity(account, "Zeitleiste " + o);
            for (int a = 0; a <= o % 4; a++) { // one to four activities
                api.ok(
                        "mutation($input: LogActivityInput!) { logActivity(input: $input) { activity { id } errors { code } } }",
                        "logActivity",
                        Map.of(
                                "opportunityId",
                                deal,
                                "type",
                                "CALL",
                                "subject",
                                "Anruf " + o + "-" + a,
                                "occurredAt",
                                base.plusHours(a).toString()));
            }
            if (o % 2 == 0) {
                api.ok(
                        "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } errors { code } } }",
                        "createTask",
                        Map.of(
                                "opportunityId",
                                deal,
                                "title",
                                "Rückruf " + o,
                                "dueAt",
                                base.plusDays(o).toString()));
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) dispatcher.backlog().get("pending")).longValue() == 0);

        STATEMENTS.set(0);
        var edges = api.data(
                        "query($account: ID!) { opportunities(first: 100, filter: { accountId: $account }) { edges { node {"
                                + " id name activities(first: 2) { totalCount pageInfo { hasNextPage endCursor }"
                                + " edges { node { subject } } } tasks(first: 2) { totalCount edges { node { title } } } } } } }",
                        Map.of("account", account))
                .at("/opportunities/edges");
        int statements = STATEMENTS.get();

        assertThat(edges.size()).isEqualTo(20);
        String laterPage = null;
        String dealWithFour = null;
        for (var edge : edges) {
            int o = Integer.parseInt(edge.at("/node/name").asString().substring("Zeitleiste ".length()));
            int count = o % 4 + 1;
            var activities = edge.at("/node/activities");
            assertThat(activities.get("totalCount").asInt()).as("deal %d", o).isEqualTo(count);
            assertThat(edge.at("/node/tasks/totalCount").asInt())
                    .as("tasks of deal %d", o)
                    .isEqualTo(o % 2 == 0 ? 1 : 0);
            if (o % 2 == 0) {
                assertThat(edge.at("/node/tasks/edges/0/node/title").asString()).isEqualTo("Rückruf " + o);
            }
            assertThat(activities.get("edges").size()).as("deal %d", o).isEqualTo(Math.min(2, count));
            assertThat(activities.at("/edges/0/node/subject").asString())
                    .as("newest first")
                    .isEqualTo("Anruf " + o + "-" + (count - 1));
            assertThat(activities.at("/pageInfo/hasNextPage").asBoolean()).isEqualTo(count > 2);
            if (count == 4) {
                laterPage = activities.at("/pageInfo/endCursor").asString();
                dealWithFour = edge.at("/node/id").asString();
            }
        }
        // ids and rows of the deals; ids, rows and counts of all their timelines and of all their tasks: the same for
        // 20 deals or 100 (one by one it was 5 per deal)
        assertThat(statements).as("statements counted").isBetween(3, 10);

        // the page after a batched one comes the usual way, from its cursor
        var rest = api.data(
                        "query($id: ID!, $after: String) { opportunity(id: $id) { activities(first: 2, after: $after) {"
                                + " edges { node { subject } } } } }",
                        Map.of("id", dealWithFour, "after", laterPage))
                .at("/opportunity/activities/edges");
        assertThat(rest.size()).isEqualTo(2);
        assertThat(rest.get(1).at("/node/subject").asString()).endsWith("-0");
    }

    @Test
    void aPageOfAccountsWithTheirPeopleAndTimelinesCostsAConstantNumberOfStatements() {
        GraphQlClient api = new GraphQlClient(port);
        for (int n = 0; n < 10; n++) {
            String account = api.fixtures().anAccount("Kontaktliste " + n);
            for (int c = 0; c < n % 3; c++) { // none to two people
                api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                        "createContact",
                        Map.of("accountId", account, "lastName", "Person " + n + "-" + c));
            }
            for (int a = 0; a < n % 2; a++) { // none or one visit
                api.ok(
                        "mutation($input: LogActivityInput!) { logActivity(input: $input) { activity { id } errors { code } } }",
                        "logActivity",
                        Map.of("accountId", account, "type", "MEETING", "subject", "Besuch " + n));
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) dispatcher.backlog().get("pending")).longValue() == 0);

        STATEMENTS.set(0);
        var edges = api.data(
                        "{ accounts(first: 100, filter: { nameContains: \"Kontaktliste\" }) { edges { node { name"
                                + " contacts(first: 2) { totalCount edges { node { lastName } } }"
                                + " activities(first: 2) { totalCount edges { node { subject } } } } } } }",
                        Map.of())
                .at("/accounts/edges");
        int statements = STATEMENTS.get();

        assertThat(edges.size()).isEqualTo(10);
        for (var edge : edges) {
            int n = Integer.parseInt(edge.at("/node/name").asString().substring("Kontaktliste ".length()));
            assertThat(edge.at("/node/contacts/totalCount").asInt())
                    .as("people of %d", n)
                    .isEqualTo(n % 3);
            assertThat(edge.at("/node/contacts/edges").size()).isEqualTo(n % 3);
            if (n % 3 > 0) {
                assertThat(edge.at("/node/contacts/edges/0/node/lastName").asString())
                        .isEqualTo("Person " + n + "-0");
            }
            assertThat(edge.at("/node/activities/totalCount").asInt())
                    .as("visits of %d", n)
                    .isEqualTo(n % 2);
        }
        // ids and rows of the accounts; ids, rows and counts of their people and of their timelines
        assertThat(statements).as("statements counted").isBetween(3, 10);
    }

    /**
     * Item 11 of the hostile-input issue: every per-parent list a page asks for (an account's deals under an order,
     * the histories of both) is read for the whole page at once, and the batched first pages say what the lists one
     * by one say.
     */
    @Test
    void aPageOfAccountsWithTheirDealsAndHistoriesCostsAConstantNumberOfStatements() {
        GraphQlClient api = new GraphQlClient(port);
        for (int n = 0; n < 8; n++) {
            String account = api.fixtures().anAccount("Verlauf " + n);
            if (n % 2 == 1) {
                api.ok(
                        "mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } errors { code } } }",
                        "updateAccount",
                        Map.of("id", account, "expectedVersion", 0, "name", "Verlauf " + n + " GmbH"));
            }
            for (int d = 0; d < n % 4; d++) { // none to three deals, amounts 100, 200, 300
                String deal = api.ok(
                                "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                                "createOpportunity",
                                Map.of(
                                        "name",
                                        "Verlaufsdeal " + n + "-" + d,
                                        "accountId",
                                        account,
                                        "amount",
                                        Map.of("amount", String.valueOf(100 * (d + 1)), "currency", "EUR")))
                        .at("/opportunity/id")
                        .asString();
                for (int p = 0; p < d; p++) { // d changes of its probability
                    api.ok(
                            "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } errors { code } } }",
                            "updateOpportunity",
                            Map.of("id", deal, "expectedVersion", p, "probability", 91 + p));
                }
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) dispatcher.backlog().get("pending")).longValue() == 0);

        String deals = "opportunities(first: 2, orderBy: [{ field: AMOUNT, direction: DESC }]) { totalCount"
                + " pageInfo { hasNextPage endCursor } edges { node { name history(first: 3) { totalCount"
                + " edges { node { field newValue } } } } } }";
        STATEMENTS.set(0);
        var edges = api.data(
                        "{ accounts(first: 10, filter: { nameContains: \"Verlauf\" }) { edges { node { id name"
                                + " history(first: 3) { totalCount edges { node { field newValue } } } " + deals
                                + " } } } }",
                        Map.of())
                .at("/accounts/edges");
        int statements = STATEMENTS.get();

        assertThat(edges.size()).isEqualTo(8);
        int withNextPage = 0;
        for (var edge : edges) {
            var node = edge.get("node");
            int n = Integer.parseInt(node.get("name").asString().replaceAll("\\D", ""));
            assertThat(node.at("/history/totalCount").asInt())
                    .as("changes of account %d", n)
                    .isEqualTo(n % 2);
            if (n % 2 == 1) {
                assertThat(node.at("/history/edges/0/node/newValue").asString()).isEqualTo("Verlauf " + n + " GmbH");
            }
            var ofAccount = node.get("opportunities");
            assertThat(ofAccount.get("totalCount").asInt())
                    .as("deals of account %d", n)
                    .isEqualTo(n % 4);
            assertThat(ofAccount.get("edges").size()).isEqualTo(Math.min(2, n % 4));
            for (int i = 0; i < ofAccount.get("edges").size(); i++) {
                int d = n % 4 - 1 - i; // largest amount first
                var deal = ofAccount.at("/edges/" + i + "/node");
                assertThat(deal.get("name").asString()).isEqualTo("Verlaufsdeal " + n + "-" + d);
                assertThat(deal.at("/history/totalCount").asInt())
                        .as("changes of deal %d-%d", n, d)
                        .isEqualTo(d);
                assertThat(deal.at("/history/edges").size()).isEqualTo(d);
            }
            // the batched page's cursor leads on as the one-by-one list's does
            if (ofAccount.at("/pageInfo/hasNextPage").asBoolean()) {
                withNextPage++;
                var rest = api.data(
                                "query($id: ID!, $after: String) { account(id: $id) { opportunities(first: 2, after: $after,"
                                        + " orderBy: [{ field: AMOUNT, direction: DESC }]) { edges { node { name } } } } }",
                                Map.of(
                                        "id",
                                        node.get("id").asString(),
                                        "after",
                                        ofAccount.at("/pageInfo/endCursor").asString()))
                        .at("/account/opportunities/edges");
                assertThat(rest.size()).isOne();
                assertThat(rest.at("/0/node/name").asString()).isEqualTo("Verlaufsdeal " + n + "-0");
            }
        }
        assertThat(withNextPage).as("accounts with three deals").isEqualTo(2);
        // ids and rows of the accounts; rows and counts of their histories; ids, rows and counts of their deals; rows
        // and counts of the deals' histories: the same for 8 accounts or 100 (the cost limit allows 10 here; one by one
        // it was 4 per account and 2
        // per deal, 56 here)
        assertThat(statements).as("statements counted").isBetween(3, 12);
    }

    @Test
    void refusedCredentialsCostNoStatement() throws Exception {
        GraphQlClient api = new GraphQlClient(port);
        String valid = api.token();
        String[] parts = valid.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        Map<String, String> query = Map.of("query", "{ opportunities(first: 1) { totalCount } }");
        STATEMENTS.set(0);
        for (String token : new String[] {null, "not-a-jwt", none, tampered, "oc_malformed"}) {
            assertThat(api.post("/graphql", query, token).statusCode())
                    .as(token)
                    .isEqualTo(401);
        }
        assertThat(STATEMENTS.get()).as("statements for five refused requests").isZero();
        // a key of the right form is looked up once (and refused: unknown)
        assertThat(api.post("/graphql", query, "oc_0123456789abcdef0123456789abcdef_" + "A".repeat(43))
                        .statusCode())
                .isEqualTo(401);
        assertThat(STATEMENTS.get()).isOne();
    }
}

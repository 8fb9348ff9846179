package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Walks 1,000 opportunities 37 at a time in every ordering: every row exactly once, in order. */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationIT {

    record Row(UUID id, String name, BigDecimal amount, int probability, LocalDate closeDate, Instant updatedAt) {}

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final List<Row> rows = new ArrayList<>();

    @BeforeAll
    void insertThousandOpportunities() {
        Random random = new Random(42);
        UUID owner = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        jdbc.update(
                "insert into app_user (id, name, email, kind) values (?, 'Owner', 'owner@example.com', 'EMPLOYEE')",
                owner);
        jdbc.update("insert into account (id, name, match_key) values (?, 'Acme', 'acme')", account);
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            StringBuilder name = new StringBuilder();
            for (int c = 0; c < 6; c++) {
                name.append((char) ('a' + random.nextInt(26)));
            }
            // Few distinct values and some nulls, so that ties and nulls are walked across page borders.
            BigDecimal amount = random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(50) * 1000L, 2);
            LocalDate close =
                    random.nextInt(8) == 0 ? null : LocalDate.of(2026, 1, 1).plusDays(random.nextInt(60));
            Instant updated = Instant.parse("2026-01-01T00:00:00Z").plusNanos(random.nextInt(500) * 1000L);
            Row row = new Row(UUID.randomUUID(), name.toString(), amount, random.nextInt(11) * 10, close, updated);
            rows.add(row);
            batch.add(new Object[] {
                row.id(),
                row.name(),
                account,
                row.amount(),
                row.amount() == null ? null : "EUR",
                row.probability(),
                row.closeDate(),
                Timestamp.from(row.updatedAt()),
                owner
            });
        }
        jdbc.batchUpdate("""
                insert into opportunity (id, name, account_id, amount, amount_currency, probability, expected_close_date,
                  updated_at, owner_id, pipeline_id, stage_id, forecast_category, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, '00000000-0000-4000-8000-000000000001',
                  '00000000-0000-4000-8000-000000000101', 'PIPELINE', 'OPEN')""", batch);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "CLOSE_DATE,ASC",
        "CLOSE_DATE,DESC",
        "AMOUNT,ASC",
        "AMOUNT,DESC",
        "PROBABILITY,ASC",
        "PROBABILITY,DESC",
        "UPDATED_AT,ASC",
        "UPDATED_AT,DESC",
        "NAME,ASC",
        "NAME,DESC"
    })
    void everyRowExactlyOnceInOrder(String field, String direction) {
        GraphQlClient api = new GraphQlClient(port);
        List<UUID> walked = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> variables =
                    new HashMap<>(Map.of("order", List.of(Map.of("field", field, "direction", direction))));
            if (after != null) {
                variables.put("after", after);
            }
            JsonNode page = api.data("""
                    query($after: String, $order: [OpportunityOrder!]) {
                      opportunities(first: 37, after: $after, orderBy: $order) {
                        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }""", variables).get("opportunities");
            page.get("edges")
                    .forEach(e -> walked.add(UUID.fromString(
                            OpportunityApiIT.rawId(e.at("/node/id").asString()))));
            assertThat(page.get("totalCount").asInt()).isEqualTo(1000);
            after = page.at("/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/pageInfo/endCursor").asString()
                    : null;
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(28);
        assertThat(walked).doesNotHaveDuplicates().hasSize(1000);
        assertThat(walked).containsExactlyElementsOf(expected(field, direction.equals("DESC")));
    }

    @Test
    void aCursorOfAnotherOrderingIsRefused() {
        GraphQlClient api = new GraphQlClient(port);
        String cursor = api.data(
                        "{ opportunities(first: 1, orderBy: [{field: AMOUNT}]) { pageInfo { endCursor } } }", Map.of())
                .at("/opportunities/pageInfo/endCursor")
                .asString();
        JsonNode response = api.execute(
                "query($after: String) { opportunities(first: 1, after: $after, orderBy: [{field: NAME}]) { totalCount } }",
                Map.of("after", cursor));
        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
        assertThat(response.at("/errors/0/extensions/argument").asString()).isEqualTo("after");
    }

    /** The order computed here in Java: the key (nulls last either way), then the id in the same direction. */
    private List<UUID> expected(String field, boolean descending) {
        Comparator<Row> order =
                switch (field) {
                    case "CLOSE_DATE" -> key(Row::closeDate, descending);
                    case "AMOUNT" -> key(Row::amount, descending);
                    case "PROBABILITY" -> key(Row::probability, descending);
                    case "UPDATED_AT" -> key(Row::updatedAt, descending);
                    default -> key(Row::name, descending);
                };
        Comparator<Row> byId = Comparator.comparing(Row::id, PaginationIT::postgresUuidOrder);
        order = order.thenComparing(descending ? byId.reversed() : byId);
        return rows.stream().sorted(order).map(Row::id).toList();
    }

    private static <T extends Comparable<T>> Comparator<Row> key(Function<Row, T> key, boolean descending) {
        Comparator<T> natural = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
        return Comparator.comparing(key, Comparator.nullsLast(natural));
    }

    /** PostgreSQL compares UUIDs byte by byte, unsigned; Java's UUID.compareTo compares signed longs. */
    private static int postgresUuidOrder(UUID a, UUID b) {
        return a.toString().compareTo(b.toString());
    }
}

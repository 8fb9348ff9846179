package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Twenty webhooks whose endpoint accepts the connection and never answers (a black hole) do not starve anything:
 * deliveries hold no database connection while they wait (issue 20, defect 2), so the API answers as fast as before
 * and search indexing goes on. The endpoint is on this machine's loopback, allowed for the test.
 */
@ServerTest(properties = {"openchance.webhooks.allowed-hosts=127.0.0.1", "openchance.events.poll-interval=50ms"})
class HangingWebhooksIT {

    static final String CREATE = "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) {"
            + " webhook { id } errors { code message field } } }";
    static final String SEARCH = "query($q: String!) { search(query: $q, types: [OPPORTUNITY]) { totalCount } }";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void twentyHangingEndpointsLeaveTheApiAndSearchIndexingAsFastAsBefore() throws Exception {
        GraphQlClient api = new GraphQlClient(port);
        String account = api.fixtures().anAccount("Schwarzes Loch GmbH");
        List<Long> before = timings(api, account, "Vorher", 30);

        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept()); // accepted, never read, never answered
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (int i = 0; i < 20; i++) {
                api.ok(
                        CREATE,
                        "createWebhook",
                        Map.of("url", "http://127.0.0.1:" + blackHole.getLocalPort() + "/hook/" + i));
            }
            // the events of these writes go to all twenty hooks, which hang
            List<Long> during = timings(api, account, "Waehrenddessen", 30);
            await().atMost(Duration.ofSeconds(20)).until(() -> !held.isEmpty());

            // positive signals: deliveries are hanging right now, the pool has connections free, the API is as fast
            // as before (a starved pool would wait 30 s for a connection), and a new deal is found by search
            assertThat(held).isNotEmpty();
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isLessThan(pool.getMaximumPoolSize());
            assertThat(p99(during))
                    .as("p99 before %s ms, during %s ms", p99(before), p99(during))
                    .isLessThanOrEqualTo(3 * p99(before) + 250);
            String unique = "Auffindbar" + System.nanoTime();
            api.fixtures().anOpportunity(account, unique);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.data(SEARCH, Map.of("q", unique))
                                    .at("/search/totalCount")
                                    .asInt()
                            == 1);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** Creates and reads opportunities; the milliseconds of each round trip. */
    private static List<Long> timings(GraphQlClient api, String account, String prefix, int count) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            String id = api.fixtures().anOpportunity(account, prefix + " " + i);
            JsonNode read = api.data("query($id: ID!) { opportunity(id: $id) { name } }", Map.of("id", id));
            assertThat(read.at("/opportunity/name").asString()).isEqualTo(prefix + " " + i);
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        return millis;
    }

    private static long p99(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(Long::compare);
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    }
}

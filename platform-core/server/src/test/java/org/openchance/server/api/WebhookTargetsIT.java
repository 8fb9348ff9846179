package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.server.webhook.WebhookService;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks cannot be aimed into the server's own network (issue 20: they were an internal port scanner): refused when
 * created, refused again at delivery (a name may resolve elsewhere by then), and a delivery shows a category, never
 * the remote error text. Nothing leaves this machine's loopback: refusals at creation send nothing, and the delivery
 * check aims at a receiver on 127.0.0.1 under a host name.
 */
@ServerTest(properties = {"openchance.events.poll-interval=50ms", "openchance.events.retry-base=20ms"})
class WebhookTargetsIT {

    static final String CREATE = "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) {"
            + " webhook { id } errors { code message field } } }";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebhookService webhooks;

    GraphQlClient api;

    @BeforeEach
    void setUp() {
        api = new GraphQlClient(port);
    }

    @Test
    void targetsInsideTheNetworkAreRefusedWhenCreated() {
        for (String url : List.of(
                "http://127.0.0.1:5432/",
                "http://localhost:9200/_cat/indices",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/hook",
                "http://192.168.0.10/hook",
                "http://[::1]:8080/hook",
                "http://224.0.0.1/hook",
                "http://100.64.0.1/hook",
                "http://0.0.0.0:22/",
                "https://no-such-host.invalid/hook")) {
            JsonNode errors = api.errors(CREATE, "createWebhook", "webhook", Map.of("url", url));
            assertThat(errors.findValuesAsString("field")).as(url).containsExactly("input.url");
            assertThat(errors.findValuesAsString("code")).as(url).containsExactly("VALIDATION");
        }
        assertThat(api.data("{ webhooks { id } }", Map.of()).get("webhooks").size())
                .isZero();
    }

    @Test
    void aTargetThatResolvesIntoTheNetworkAtDeliveryIsNotSentToAndShowsACategory() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        com.sun.net.httpserver.HttpServer receiver =
                com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            // as if the name had resolved to a public address when the webhook was created (DNS rebinding): the row is
            // written as creation would, then the server takes it up as it does at start
            UUID id = UUID.randomUUID();
            jdbc.update(
                    "insert into webhook (id, url, secret, event_types) values (?, ?, ?, ?)",
                    id,
                    "http://localhost:" + receiver.getAddress().getPort() + "/hook",
                    "0123456789abcdef0123",
                    new String[] {"account.created"});
            webhooks.afterSingletonsInstantiated();

            api.fixtures().anAccount("Umleitung GmbH");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from webhook_delivery where webhook_id = ?", Integer.class, id)
                            > 0);
            JsonNode delivery = api.data("{ webhooks { deliveries(first: 1) { statusCode error success } } }", Map.of())
                    .at("/webhooks/0/deliveries/0");
            assertThat(delivery.get("error").asString()).isEqualTo("REFUSED_TARGET");
            assertThat(delivery.get("statusCode").isNull()).isTrue();
            assertThat(delivery.get("success").asBoolean()).isFalse();
            assertThat(calls.get()).as("nothing was sent").isZero();
        } finally {
            receiver.stop(0);
        }
    }
}

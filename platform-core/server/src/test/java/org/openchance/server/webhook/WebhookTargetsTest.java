package org.openchance.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    @Test
    void addressesInsideTheServersNetworkAreInternalPublicOnesAreNot() throws Exception {
        for (String internal : List.of(
                "127.0.0.1",
                "127.8.9.10",
                "::1",
                "169.254.169.254",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.0.10",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "fe80::1",
                "fd12:3456::1",
                "::ffff:127.0.0.1")) {
            assertThat(WebhookTargets.internal(InetAddress.getByName(internal)))
                    .as(internal)
                    .isTrue();
        }
        for (String external :
                List.of("93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888")) {
            assertThat(WebhookTargets.internal(InetAddress.getByName(external)))
                    .as(external)
                    .isFalse();
        }
    }

    @Test
    void anAllowedHostIsLetThroughByNameOrAddress() {
        WebhookTargets none = new WebhookTargets(List.of());
        assertThat(none.refusal(URI.create("http://127.0.0.1:9/hook")))
                .get()
                .asString()
                .contains("private network");
        assertThat(none.refusal(URI.create("http://localhost:9/hook"))).isPresent();
        assertThat(none.refusal(URI.create("http://[::1]:9/hook"))).isPresent();
        assertThat(none.refusal(URI.create("http://93.184.216.34/hook")))
                .isEmpty(); // an address: no lookup, nothing sent
        WebhookTargets local = new WebhookTargets(List.of("127.0.0.1", " localhost "));
        assertThat(local.refusal(URI.create("http://127.0.0.1:9/hook"))).isEmpty();
        assertThat(local.refusal(URI.create("http://localhost:9/hook"))).isEmpty();
        assertThat(local.refusal(URI.create("http://169.254.169.254/latest/meta-data")))
                .isPresent();
    }
}

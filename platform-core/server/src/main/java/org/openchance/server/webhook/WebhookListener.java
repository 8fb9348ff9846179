package org.openchance.server.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openchance.api.event.DomainEvent;
import org.openchance.server.event.EventListener;
import org.openchance.store.webhook.WebhookStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * One webhook as an event listener: POSTs each subscribed event as JSON, signed with HMAC-SHA256 of the body
 * ({@code X-OpenChance-Signature: sha256=<hex>}). Anything but a 2xx answer is a failure, so the dispatcher retries it
 * with backoff and finally keeps it as a dead letter. Every attempt goes into {@code webhook_delivery}.
 */
final class WebhookListener implements EventListener {

    static final String SIGNATURE_HEADER = "X-OpenChance-Signature";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final UUID id;
    private final URI url;
    private final byte[] secret;
    private final Set<String> eventTypes;
    private final HttpClient http;
    private final WebhookStore store;
    private final WebhookTargets targets;

    /** What a failed delivery shows: a category, never the remote side's error text (no port scanner). */
    static final String REFUSED_TARGET = "REFUSED_TARGET";

    static final String CONNECTION_FAILED = "CONNECTION_FAILED";
    static final String TIMEOUT = "TIMEOUT";
    static final String FAILED = "FAILED";

    WebhookListener(
            UUID id,
            URI url,
            String secret,
            Set<String> eventTypes,
            HttpClient http,
            WebhookStore store,
            WebhookTargets targets) {
        this.id = id;
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.eventTypes = eventTypes;
        this.http = http;
        this.store = store;
        this.targets = targets;
    }

    static String name(UUID webhook) {
        return "webhook:" + webhook;
    }

    @Override
    public String name() {
        return name(id);
    }

    @Override
    public void onEvent(DomainEvent event) throws Exception {
        if (!eventTypes.isEmpty() && !eventTypes.contains(event.type())) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("aggregateType", event.aggregateType());
        body.put("aggregateId", event.aggregateId().toString());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("payload", JSON.readTree(event.payload()));
        byte[] json = JSON.writeValueAsBytes(body);
        int attempt = 1 + store.attempts(id, event.id());
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        // checked again now: the host may resolve into the private network by now (DNS rebinding)
        String refusal = targets.refusal(url).orElse(null);
        try {
            if (refusal != null) {
                throw new RefusedTargetException();
            }
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("X-OpenChance-Event", event.type())
                            .header("X-OpenChance-Delivery", String.valueOf(event.id()))
                            .header(SIGNATURE_HEADER, "sha256=" + sign(secret, json))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 != 2) {
                error = "HTTP " + status;
            }
        } catch (RefusedTargetException e) {
            error = REFUSED_TARGET;
        } catch (java.net.http.HttpTimeoutException e) {
            error = TIMEOUT;
        } catch (java.io.IOException e) {
            error = CONNECTION_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping: the delivery is tried again later
            error = FAILED;
        } catch (Exception e) {
            error = FAILED;
        }
        store.recordDelivery(id, event.id(), attempt, status, error, (int) ((System.nanoTime() - started) / 1_000_000));
        if (error != null) {
            // the dead letter and the log may say more than the API does: operators see them
            throw new IllegalStateException(
                    "Webhook " + id + ": " + error + (refusal == null ? "" : ", its host " + refusal));
        }
    }

    private static final class RefusedTargetException extends Exception {
        RefusedTargetException() {
            super(null, null, false, false);
        }
    }

    /** Hex HMAC-SHA256 of the body: what receivers compute with their copy of the secret. */
    static String sign(byte[] secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}

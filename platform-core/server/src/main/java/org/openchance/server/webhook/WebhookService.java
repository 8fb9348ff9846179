package org.openchance.server.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.server.event.EventDispatcher;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.support.AfterCommit;
import org.openchance.store.event.Outbox;
import org.openchance.store.webhook.WebhookStore;
import org.openchance.store.webhook.WebhookStore.Delivery;
import org.openchance.store.webhook.WebhookStore.Webhook;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Webhooks: registered as event listeners of the dispatcher, so they get its ordering, retries and dead letters. */
@Service
public class WebhookService implements SmartInitializingSingleton {

    static final String TYPE = "Webhook";

    public record CreateWebhookInput(String url, List<String> eventTypes, String secret) {}

    public record DeleteWebhookInput(String id) {}

    /** A created webhook with its secret, which is shown this once. */
    public record Created(Webhook webhook, String secret) {}

    private final WebhookStore store;
    private final WebhookTargets targets;
    private final Outbox outbox;
    private final EventDispatcher dispatcher;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();

    WebhookService(WebhookStore store, WebhookTargets targets, Outbox outbox, EventDispatcher dispatcher) {
        this.store = store;
        this.targets = targets;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
    }

    /** At start: every active webhook listens again. */
    @Override
    public void afterSingletonsInstantiated() {
        store.activeTargets().forEach(w -> dispatcher.register(listener(w.id(), w.url(), w.secret(), w.eventTypes())));
    }

    @Transactional
    public Created create(CreateWebhookInput in) {
        Validation v = new Validation().text(in.url(), "input.url", true, 2_000);
        URI url = null;
        try {
            url = in.url() == null ? null : URI.create(in.url().trim());
        } catch (IllegalArgumentException e) {
            v.add(UserError.validation("input.url", "is not a URL"));
        }
        v.check(
                url == null
                        || (url.isAbsolute()
                                && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                                && url.getHost() != null),
                "input.url",
                "must be an absolute http or https URL");
        if (v.ok() && url != null) {
            URI target = url;
            targets.refusal(target)
                    .ifPresent(why -> v.add(UserError.validation("input.url", "must not be used: its host " + why)));
        }
        List<String> types = in.eventTypes() == null ? List.of() : in.eventTypes();
        v.check(
                types.size() <= 100 && types.stream().allMatch(EventTypes.ALL::contains),
                "input.eventTypes",
                "must be at most 100 of the event types the server publishes (none: all of them): "
                        + String.join(", ", EventTypes.ALL));
        v.check(
                in.secret() == null || in.secret().length() >= 16 && in.secret().length() <= 200,
                "input.secret",
                "must have 16 to 200 characters");
        v.orThrow();
        String secret = in.secret() != null ? in.secret() : newSecret();
        UUID id = UUID.randomUUID();
        Set<String> unique = new LinkedHashSet<>(types);
        store.insert(id, url.toString(), secret, unique);
        WebhookListener listener = listener(id, url.toString(), secret, List.copyOf(unique));
        AfterCommit.run(() -> dispatcher.register(listener));
        return new Created(find(id), secret);
    }

    @Transactional
    public Created delete(DeleteWebhookInput in) {
        UUID id = GlobalId.decode(in.id(), TYPE)
                .filter(store::isActive)
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.id", "Webhook")));
        String name = WebhookListener.name(id);
        store.deactivate(id);
        outbox.unsubscribe(name);
        AfterCommit.run(() -> dispatcher.unregister(name));
        return new Created(find(id), null);
    }

    public List<Webhook> all() {
        return store.active();
    }

    public List<Delivery> deliveries(UUID webhook, int limit) {
        return store.deliveries(webhook, limit);
    }

    private Webhook find(UUID id) {
        return store.find(id).orElseThrow();
    }

    private WebhookListener listener(UUID id, String url, String secret, List<String> types) {
        return new WebhookListener(id, URI.create(url), secret, Set.copyOf(types), http, store, targets);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

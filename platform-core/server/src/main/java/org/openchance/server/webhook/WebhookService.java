package org.openchance.server.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.openchance.server.event.EventDispatcher;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.support.AfterCommit;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Webhooks: registered as event listeners of the dispatcher, so they get its ordering, retries and dead letters. */
@Service
public class WebhookService implements SmartInitializingSingleton {

    static final String TYPE = "Webhook";

    public record CreateWebhookInput(String url, List<String> eventTypes, String secret) {
    }

    public record DeleteWebhookInput(String id) {
    }

    public record Webhook(UUID id, String url, List<String> eventTypes, boolean active, Instant createdAt) {
    }

    /** A created webhook with its secret, which is shown this once. */
    public record Created(Webhook webhook, String secret) {
    }

    public record Delivery(long eventId, int attempt, Integer statusCode, String error, int durationMs, boolean success,
                           Instant attemptedAt) {
    }

    private final JdbcTemplate jdbc;
    private final EventDispatcher dispatcher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();

    WebhookService(JdbcTemplate jdbc, EventDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
    }

    /** At start: every active webhook listens again. */
    @Override
    public void afterSingletonsInstantiated() {
        jdbc.query("select id, url, secret, event_types from webhook where active", rs -> {
            Array types = rs.getArray("event_types");
            dispatcher.register(listener(rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("secret"),
                    List.of((String[]) types.getArray())));
        });
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
        v.check(url == null || (url.isAbsolute() && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                && url.getHost() != null), "input.url", "must be an absolute http or https URL");
        List<String> types = in.eventTypes() == null ? List.of() : in.eventTypes();
        v.check(types.size() <= 100 && types.stream().allMatch(t -> t != null && t.matches("[a-z_]+\\.[a-z_]+")),
                "input.eventTypes", "must be event types such as opportunity.created (at most 100)");
        v.check(in.secret() == null || in.secret().length() >= 16 && in.secret().length() <= 200, "input.secret",
                "must have 16 to 200 characters");
        v.orThrow();
        String secret = in.secret() != null ? in.secret() : newSecret();
        UUID id = UUID.randomUUID();
        Set<String> unique = new LinkedHashSet<>(types);
        jdbc.update("insert into webhook (id, url, secret, event_types) values (?, ?, ?, ?)", id, url.toString(), secret,
                unique.toArray(String[]::new));
        WebhookListener listener = listener(id, url.toString(), secret, List.copyOf(unique));
        AfterCommit.run(() -> dispatcher.register(listener));
        return new Created(find(id), secret);
    }

    @Transactional
    public Created delete(DeleteWebhookInput in) {
        UUID id = GlobalId.decode(in.id(), TYPE).filter(w -> Boolean.TRUE.equals(jdbc.queryForObject(
                        "select exists (select 1 from webhook where id = ? and active)", Boolean.class, w)))
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.id", "Webhook")));
        String name = WebhookListener.name(id);
        jdbc.update("update webhook set active = false where id = ?", id);
        jdbc.update("delete from event_pending where listener = ?", name);
        jdbc.update("delete from event_subscription where listener = ?", name);
        AfterCommit.run(() -> dispatcher.unregister(name));
        return new Created(find(id), null);
    }

    public List<Webhook> all() {
        return jdbc.query("select id, url, event_types, active, created_at from webhook where active order by created_at",
                (rs, i) -> webhook(rs));
    }

    public List<Delivery> deliveries(UUID webhook, int limit) {
        return jdbc.query("select event_id, attempt, status_code, error, duration_ms, success, attempted_at"
                        + " from webhook_delivery where webhook_id = ? order by id desc limit ?",
                (rs, i) -> new Delivery(rs.getLong("event_id"), rs.getInt("attempt"), (Integer) rs.getObject("status_code"),
                        rs.getString("error"), rs.getInt("duration_ms"), rs.getBoolean("success"),
                        rs.getTimestamp("attempted_at").toInstant()), webhook, limit);
    }

    private Webhook find(UUID id) {
        return jdbc.queryForObject("select id, url, event_types, active, created_at from webhook where id = ?",
                (rs, i) -> webhook(rs), id);
    }

    private static Webhook webhook(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Webhook(rs.getObject("id", UUID.class), rs.getString("url"),
                List.of((String[]) rs.getArray("event_types").getArray()), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }

    private WebhookListener listener(UUID id, String url, String secret, List<String> types) {
        return new WebhookListener(id, URI.create(url), secret, Set.copyOf(types), http, jdbc);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

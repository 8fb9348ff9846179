package org.openchance.store.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Webhooks and the record of every delivery attempt. */
public final class WebhookStore {

    public record Webhook(UUID id, String url, List<String> eventTypes, boolean active, Instant createdAt) {}

    /** What a server needs to deliver to an active webhook. */
    public record Target(UUID id, String url, String secret, List<String> eventTypes) {}

    public record Delivery(
            long eventId,
            int attempt,
            Integer statusCode,
            String error,
            int durationMs,
            boolean success,
            Instant attemptedAt) {}

    private final JdbcTemplate jdbc;

    public WebhookStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void insert(UUID id, String url, String secret, Collection<String> eventTypes) {
        jdbc.update(
                "insert into webhook (id, url, secret, event_types) values (?, ?, ?, ?)",
                id,
                url,
                secret,
                eventTypes.toArray(String[]::new));
    }

    public boolean isActive(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from webhook where id = ? and active)", Boolean.class, id));
    }

    public void deactivate(UUID id) {
        jdbc.update("update webhook set active = false where id = ?", id);
    }

    public Optional<Webhook> find(UUID id) {
        return jdbc
                .query(
                        "select id, url, event_types, active, created_at from webhook where id = ?",
                        (rs, i) -> webhook(rs),
                        id)
                .stream()
                .findFirst();
    }

    /** The active webhooks, oldest first. */
    public List<Webhook> active() {
        return jdbc.query(
                "select id, url, event_types, active, created_at from webhook where active order by created_at",
                (rs, i) -> webhook(rs));
    }

    /** The active webhooks with their secrets, for delivery. */
    public List<Target> activeTargets() {
        return jdbc.query(
                "select id, url, secret, event_types from webhook where active order by created_at",
                (rs, i) -> new Target(
                        rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("secret"), List.of((String[])
                                rs.getArray("event_types").getArray())));
    }

    /** The webhook's latest delivery attempts, newest first. */
    public List<Delivery> deliveries(UUID webhook, int limit) {
        return jdbc.query(
                "select event_id, attempt, status_code, error, duration_ms, success, attempted_at"
                        + " from webhook_delivery where webhook_id = ? order by id desc limit ?",
                (rs, i) -> new Delivery(
                        rs.getLong("event_id"),
                        rs.getInt("attempt"),
                        (Integer) rs.getObject("status_code"),
                        rs.getString("error"),
                        rs.getInt("duration_ms"),
                        rs.getBoolean("success"),
                        rs.getTimestamp("attempted_at").toInstant()),
                webhook,
                limit);
    }

    /** How often the event was sent to the webhook so far. */
    public int attempts(UUID webhook, long eventId) {
        Integer count = jdbc.queryForObject(
                "select count(*) from webhook_delivery where webhook_id = ? and event_id = ?",
                Integer.class,
                webhook,
                eventId);
        return count == null ? 0 : count;
    }

    public void recordDelivery(
            UUID webhook, long eventId, int attempt, Integer statusCode, String error, int durationMs) {
        jdbc.update(
                "insert into webhook_delivery (webhook_id, event_id, attempt, status_code, error, duration_ms, success)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                webhook,
                eventId,
                attempt,
                statusCode,
                error,
                durationMs,
                error == null);
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        return new Webhook(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                List.of((String[]) rs.getArray("event_types").getArray()),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }
}

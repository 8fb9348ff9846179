package org.openchance.store.activity;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Files of activities, content in PostgreSQL. Plain JDBC rather than a repository: lists must not load the content,
 * and uploads stream it.
 */
public final class Attachments {

    /** What a list shows of an attachment. */
    public record Attachment(UUID id, UUID activityId, String name, String mediaType, long size, Instant createdAt) {}

    /** An attachment with its content, for download. */
    public record Content(UUID activityId, String name, String mediaType, byte[] bytes) {}

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public Attachments(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public Attachment save(UUID activityId, String name, String mediaType, long size, InputStream content) {
        UUID id = UUID.randomUUID();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into attachment (id, activity_id, name, media_type,"
                    + " size_bytes, content) values (?, ?, ?, ?, ?, ?)");
            statement.setObject(1, id);
            statement.setObject(2, activityId);
            statement.setString(3, name);
            statement.setString(4, mediaType);
            statement.setLong(5, size);
            statement.setBinaryStream(6, content, size);
            return statement;
        });
        return new Attachment(id, activityId, name, mediaType, size, Instant.now());
    }

    /** The attachments of these activities, oldest first. */
    public List<Attachment> ofActivities(Collection<UUID> activityIds) {
        if (activityIds.isEmpty()) {
            return List.of();
        }
        return named.query(
                "select id, activity_id, name, media_type, size_bytes, created_at from attachment"
                        + " where activity_id in (:ids) order by created_at, id",
                Map.of("ids", activityIds),
                (rs, i) -> new Attachment(
                        rs.getObject("id", UUID.class),
                        rs.getObject("activity_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("media_type"),
                        rs.getLong("size_bytes"),
                        rs.getTimestamp("created_at").toInstant()));
    }

    public Optional<Content> content(UUID id) {
        return jdbc
                .query(
                        "select activity_id, name, media_type, content from attachment where id = ?",
                        (rs, i) -> new Content(
                                rs.getObject("activity_id", UUID.class),
                                rs.getString("name"),
                                rs.getString("media_type"),
                                rs.getBytes("content")),
                        id)
                .stream()
                .findFirst();
    }
}

package org.openchance.store.request;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotency keys of mutation requests: the first request with a key claims it and leaves its answer; a request
 * with the same key finds the claim (and, once there, the answer). A key older than the cutoff given is free again.
 */
public final class IdempotencyKeys {

    /** A key as it was found: the request it was claimed for (its hash) and the answer, null while it runs. */
    public record Claim(String requestHash, String response) {}

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Claims the key for this request, unless someone holds it since {@code notBefore}.
     *
     * @return empty when this request claimed it; else the claim found
     */
    public Optional<Claim> claim(UUID userId, String key, String requestHash, Instant notBefore) {
        // an expired claim is taken over in the same statement: two requests cannot both take it
        int claimed = jdbc.update(
                "insert into idempotency_key (user_id, key, request_hash, created_at) values (?, ?, ?, now())"
                        + " on conflict (user_id, key) do update set request_hash = excluded.request_hash,"
                        + " response = null, created_at = now() where idempotency_key.created_at < ?",
                userId,
                key,
                requestHash,
                Timestamp.from(notBefore));
        if (claimed == 1) {
            return Optional.empty();
        }
        return find(userId, key);
    }

    /** The claim of the key, if there is one. */
    public Optional<Claim> find(UUID userId, String key) {
        List<Claim> found = jdbc.query(
                "select request_hash, response from idempotency_key where user_id = ? and key = ?",
                (rs, n) -> new Claim(rs.getString(1), rs.getString(2)),
                userId,
                key);
        return found.stream().findFirst();
    }

    /** The answer of the request that claimed the key. */
    public void complete(UUID userId, String key, String response) {
        jdbc.update("update idempotency_key set response = ? where user_id = ? and key = ?", response, userId, key);
    }

    /** Gives the key back (its request failed before it had an answer to keep): a retry runs again. */
    public void release(UUID userId, String key) {
        jdbc.update("delete from idempotency_key where user_id = ? and key = ? and response is null", userId, key);
    }

    /** Removes the keys claimed before the cutoff; how many. */
    public int purge(Instant before) {
        return jdbc.update("delete from idempotency_key where created_at < ?", Timestamp.from(before));
    }
}

package org.openchance.store.request;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotency keys of mutation requests, per user and credential: the first request with a key claims it and
 * leaves its answer; a request with the same key finds the claim (and, once there, the answer). A key kept past its
 * time is free again, and so is a claim left without an answer for longer than any request runs (its server died).
 */
public final class IdempotencyKeys {

    /** The credential of a signed-in session (not an API key). */
    public static final UUID SESSION = new UUID(0, 0);

    /** Whose key: the user and the API key the request came with ({@link #SESSION} for none). */
    public record Owner(UUID userId, UUID apiKeyId) {}

    /** A key as it was found: the request it was claimed for (its hash) and the answer, null while it runs. */
    public record Claim(String requestHash, String response) {}

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Claims the key for this request, unless it is held: kept since {@code keptSince}, or claimed without an answer
     * since {@code abandonedBefore}.
     *
     * @return true when this request now holds it under {@code claimId}
     */
    public boolean claim(
            Owner owner, String key, String requestHash, UUID claimId, Instant keptSince, Instant abandonedBefore) {
        // an expired or abandoned claim is taken over in the same statement: two requests cannot both take it
        return jdbc.update(
                        "insert into idempotency_key (user_id, api_key_id, key, request_hash, claim_id, created_at)"
                                + " values (?, ?, ?, ?, ?, now()) on conflict (user_id, api_key_id, key) do update"
                                + " set request_hash = excluded.request_hash, claim_id = excluded.claim_id,"
                                + " response = null, created_at = now() where idempotency_key.created_at < ? or"
                                + " (idempotency_key.response is null and idempotency_key.created_at < ?)",
                        owner.userId(),
                        owner.apiKeyId(),
                        key,
                        requestHash,
                        claimId,
                        Timestamp.from(keptSince),
                        Timestamp.from(abandonedBefore))
                == 1;
    }

    /** The claim of the key while it is held (as {@link #claim} counts it); empty when it is free. */
    public Optional<Claim> find(Owner owner, String key, Instant keptSince, Instant abandonedBefore) {
        List<Claim> found = jdbc.query(
                "select request_hash, response from idempotency_key where user_id = ? and api_key_id = ? and key = ?"
                        + " and created_at >= ? and (response is not null or created_at >= ?)",
                (rs, n) -> new Claim(rs.getString(1), rs.getString(2)),
                owner.userId(),
                owner.apiKeyId(),
                key,
                Timestamp.from(keptSince),
                Timestamp.from(abandonedBefore));
        return found.stream().findFirst();
    }

    /** The answer of the request that holds the claim. */
    public void complete(Owner owner, String key, UUID claimId, String response) {
        jdbc.update(
                "update idempotency_key set response = ? where user_id = ? and api_key_id = ? and key = ?"
                        + " and claim_id = ?",
                response,
                owner.userId(),
                owner.apiKeyId(),
                key,
                claimId);
    }

    /** Gives the key back (its request changed nothing and may be sent again): a retry runs. */
    public void release(Owner owner, String key, UUID claimId) {
        jdbc.update(
                "delete from idempotency_key where user_id = ? and api_key_id = ? and key = ? and claim_id = ?"
                        + " and response is null",
                owner.userId(),
                owner.apiKeyId(),
                key,
                claimId);
    }

    /** Removes the keys claimed before the cutoff; how many. */
    public int purge(Instant before) {
        return jdbc.update("delete from idempotency_key where created_at < ?", Timestamp.from(before));
    }
}

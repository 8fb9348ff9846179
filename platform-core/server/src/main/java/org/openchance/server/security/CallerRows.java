package org.openchance.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.openchance.server.support.AfterCommit;
import org.openchance.store.security.CredentialStore;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What every authenticated request reads before it does anything: its user and, with an API key, the key, and the
 * bearer token it comes with, once verified. Kept for a few seconds, so that a request costs no statement, no hash
 * and no signature check for them (they were a fifth of a small read).
 *
 * <p>A change made through this server (roles, manager, deactivation, a revoked key) forgets the row again when its
 * transaction commits, so it takes effect on the next request. Another server of a cluster sees it once the row expires
 * ({@code openchance.security.caller-cache-seconds}, 5 by default; 0 turns the cache off). Unknown ids are not
 * remembered: a new user or key works at once everywhere, and random ids cannot fill the cache.
 */
@Component
public class CallerRows {

    private final UserRepository users;
    private final CredentialStore credentials;
    private final Cache<UUID, UserRow> userRows;
    private final Cache<UUID, CredentialStore.ApiKey> apiKeys;
    private final Cache<String, Verified> tokens;
    private final Cache<UUID, List<UUID>> lines;

    /** A token that was verified, the caller it stands for, and until when it is valid (its own expiry). */
    record Verified(Caller caller, Instant validUntil) {}

    CallerRows(
            UserRepository users,
            CredentialStore credentials,
            @Value("${openchance.security.caller-cache-seconds:5}") long seconds) {
        this.users = users;
        this.credentials = credentials;
        this.userRows = cache(seconds);
        this.apiKeys = cache(seconds);
        this.tokens = cache(seconds);
        this.lines = cache(seconds);
    }

    private static <K, V> Cache<K, V> cache(long seconds) {
        return Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(seconds))
                .maximumSize(seconds > 0 ? 10_000 : 0)
                .build();
    }

    Optional<UserRow> user(UUID id) {
        return Optional.ofNullable(userRows.get(id, key -> users.findById(key).orElse(null)));
    }

    Optional<CredentialStore.ApiKey> apiKey(UUID id) {
        return Optional.ofNullable(
                apiKeys.get(id, key -> credentials.apiKey(key).orElse(null)));
    }

    /** The caller of a token verified in the last seconds and still valid; null: verify it. */
    Caller verified(String token) {
        Verified v = tokens.getIfPresent(token);
        return v != null && v.validUntil().isAfter(Instant.now()) ? v.caller() : null;
    }

    void rememberVerified(String token, Caller caller, Instant validUntil) {
        tokens.put(token, new Verified(caller, validUntil == null ? Instant.MAX : validUntil));
    }

    /**
     * The user and everyone below them in the management line (what the visibility rule calls their sight): one
     * recursive query per user and some seconds rather than per request (a search as a salesperson under PRIVATE
     * sharing paid it every time).
     */
    public List<UUID> lineOf(UUID user, Function<UUID, List<UUID>> load) {
        return lines.get(user, load);
    }

    /**
     * After a change of the user's row: read it again on their next request (here now, and once it commits). Every
     * management line is read again too: a new manager moves the user's reports' lines as well as theirs.
     */
    public void forgetUser(UUID id) {
        nowAndAfterCommit(() -> {
            userRows.invalidate(id);
            tokens.asMap().values().removeIf(v -> v.caller().userId().equals(id));
            lines.invalidateAll();
        });
    }

    /** After a change of the key's row (revoked). */
    public void forgetApiKey(UUID id) {
        nowAndAfterCommit(() -> {
            apiKeys.invalidate(id);
            tokens.asMap().values().removeIf(v -> id.equals(v.caller().apiKeyId()));
        });
    }

    /**
     * Now, so that nothing in this transaction reads the old row, and once it commits, so that a request running
     * meanwhile cannot put the row from before the commit back.
     */
    private static void nowAndAfterCommit(Runnable forget) {
        forget.run();
        AfterCommit.run(forget);
    }
}

package org.openchance.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.openchance.store.security.CredentialStore;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows every authenticated request reads before it does anything: its user and, with an API key, the key. Kept
 * for a few seconds, so that a request costs no statement for them (two lookups were a fifth of a small read).
 *
 * <p>A change made through this server (roles, manager, deactivation, a revoked key) forgets the row again when its
 * transaction ends, so it takes effect on the next request. Another server of a cluster sees it once the row expires
 * ({@code openchance.security.caller-cache-seconds}, 5 by default; 0 turns the cache off). Unknown ids are not
 * remembered: a new user or key works at once everywhere, and random ids cannot fill the cache.
 */
@Component
public class CallerRows {

    private final UserRepository users;
    private final CredentialStore credentials;
    private final Cache<UUID, UserRow> userRows;
    private final Cache<UUID, CredentialStore.ApiKey> apiKeys;

    CallerRows(
            UserRepository users,
            CredentialStore credentials,
            @Value("${openchance.security.caller-cache-seconds:5}") long seconds) {
        this.users = users;
        this.credentials = credentials;
        this.userRows = cache(seconds);
        this.apiKeys = cache(seconds);
    }

    private static <V> Cache<UUID, V> cache(long seconds) {
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

    /** After a change of the user's row: read it again on their next request (here now, and once it commits). */
    public void forgetUser(UUID id) {
        forget(userRows, id);
    }

    /** After a change of the key's row (revoked). */
    public void forgetApiKey(UUID id) {
        forget(apiKeys, id);
    }

    /**
     * Now, so that nothing in this transaction reads the old row, and when the transaction ends, so that a request
     * running meanwhile cannot put the row from before the commit back.
     */
    private static <V> void forget(Cache<UUID, V> cache, UUID id) {
        cache.invalidate(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.invalidate(id);
                }
            });
        }
    }
}

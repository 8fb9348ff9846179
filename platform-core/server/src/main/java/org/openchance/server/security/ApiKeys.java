package org.openchance.server.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.openchance.store.security.CredentialStore;
import org.openchance.store.user.UserRow;
import org.springframework.stereotype.Component;

/**
 * API keys: {@code oc_<id>_<secret>}. Only the SHA-256 of the whole key is stored; the id finds the row. A key acts as
 * its user, narrowed to its scopes: the same roles and the same visibility rule as the person.
 */
@Component
public class ApiKeys {

    static final String PREFIX = "oc_";
    private static final Pattern FORMAT = Pattern.compile("oc_([0-9a-f]{32})_[A-Za-z0-9_-]{43}");

    private final CredentialStore store;
    private final CallerRows rows;
    /** When this server last noted each key's use: at most one write a minute per key. */
    private final Map<UUID, Instant> touched = new ConcurrentHashMap<>();

    ApiKeys(CredentialStore store, CallerRows rows) {
        this.store = store;
        this.rows = rows;
    }

    /** A new key; the secret is returned once. */
    record Created(CredentialStore.ApiKey key, String secret) {}

    Created create(UUID user, String name, List<String> scopes, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        String secret = PREFIX + id.toString().replace("-", "") + "_" + Secrets.random(32);
        store.addApiKey(id, user, name, scopes, Secrets.sha256(secret), expiresAt);
        return new Created(store.apiKey(id).orElseThrow(), secret);
    }

    /** Revokes the key; its next use is refused, on this server at once. */
    void revoke(UUID id) {
        store.revokeApiKey(id);
        rows.forgetApiKey(id);
    }

    /**
     * The caller a key stands for, and until when, if the key exists, matches, is neither revoked nor expired, and its
     * user is active.
     */
    Optional<CallerRows.Verified> authenticate(String token) {
        if (!FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        String hex = token.substring(PREFIX.length(), PREFIX.length() + 32);
        UUID id = new UUID(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
        Optional<CredentialStore.ApiKey> found = rows.apiKey(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CredentialStore.ApiKey key = found.get();
        Instant now = Instant.now();
        if (!Secrets.matches(token, key.secretHash())
                || key.revokedAt() != null
                || (key.expiresAt() != null && !key.expiresAt().isAfter(now))) {
            return Optional.empty();
        }
        Optional<UserRow> user = rows.user(key.userId()).filter(UserRow::active);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Instant last = touched.get(id);
        if (last == null || last.isBefore(now.minusSeconds(60))) {
            touched.put(id, now);
            store.touchApiKey(id);
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        key.scopes().forEach(s -> scopes.add(ApiScope.valueOf(s)));
        Caller person = Caller.of(user.get(), "api-key");
        Caller caller = new Caller(person.user(), person.roles(), scopes, "api-key", id);
        return Optional.of(new CallerRows.Verified(caller, key.expiresAt() == null ? Instant.MAX : key.expiresAt()));
    }
}

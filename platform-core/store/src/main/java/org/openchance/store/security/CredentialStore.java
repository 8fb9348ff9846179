package org.openchance.store.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What lets people and integrations in: password hashes, refresh tokens, API keys and one-time links. Secrets are
 * never stored: refresh tokens, API-key secrets and link tokens as their SHA-256, passwords in Spring Security's
 * hash formats (the server hashes; the store keeps what it is given).
 */
public final class CredentialStore {

    /** A refresh token's row. */
    public record RefreshToken(
            UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant usedAt, Instant revokedAt) {}

    /** An API key without its secret. */
    public record ApiKey(
            UUID id,
            UUID userId,
            String name,
            List<String> scopes,
            byte[] secretHash,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt) {}

    private final JdbcTemplate jdbc;

    public CredentialStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    // Passwords

    public Optional<String> passwordHash(UUID user) {
        return jdbc.queryForList("select password_hash from app_user where id = ?", String.class, user).stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    public void setPasswordHash(UUID user, String hash) {
        jdbc.update("update app_user set password_hash = ?, updated_at = now() where id = ?", hash, user);
    }

    // Refresh tokens

    public void addRefreshToken(UUID id, UUID family, UUID user, byte[] hash, Instant expiresAt) {
        jdbc.update(
                "insert into refresh_token (id, family_id, user_id, token_hash, expires_at) values (?, ?, ?, ?, ?)",
                id,
                family,
                user,
                hash,
                Timestamp.from(expiresAt));
    }

    /** The token with this hash, locked until the transaction ends (two refreshes with one token: one wins). */
    public Optional<RefreshToken> lockRefreshToken(byte[] hash) {
        return jdbc
                .query(
                        "select id, family_id, user_id, expires_at, used_at, revoked_at from refresh_token"
                                + " where token_hash = ? for update",
                        (rs, i) -> new RefreshToken(
                                rs.getObject("id", UUID.class),
                                rs.getObject("family_id", UUID.class),
                                rs.getObject("user_id", UUID.class),
                                instant(rs.getTimestamp("expires_at")),
                                instant(rs.getTimestamp("used_at")),
                                instant(rs.getTimestamp("revoked_at"))),
                        (Object) hash)
                .stream()
                .findFirst();
    }

    public void markRefreshTokenUsed(UUID id) {
        jdbc.update("update refresh_token set used_at = now() where id = ?", id);
    }

    /** Revokes every token of the family (logout, or a replayed token). */
    public int revokeRefreshFamily(UUID family) {
        return jdbc.update(
                "update refresh_token set revoked_at = now() where family_id = ? and revoked_at is null", family);
    }

    /** Revokes every refresh token of the user (password change or reset, deactivation). */
    public int revokeRefreshTokensOf(UUID user) {
        return jdbc.update(
                "update refresh_token set revoked_at = now() where user_id = ? and revoked_at is null", user);
    }

    // API keys

    public void addApiKey(UUID id, UUID user, String name, List<String> scopes, byte[] secretHash, Instant expiresAt) {
        jdbc.update(
                "insert into api_key (id, user_id, name, scopes, secret_hash, expires_at) values (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, id);
                    ps.setObject(2, user);
                    ps.setString(3, name);
                    ps.setArray(4, ps.getConnection().createArrayOf("text", scopes.toArray()));
                    ps.setBytes(5, secretHash);
                    ps.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
                });
    }

    public Optional<ApiKey> apiKey(UUID id) {
        return jdbc.query("select * from api_key where id = ?", (rs, i) -> apiKey(rs), id).stream()
                .findFirst();
    }

    /** The keys of one user, or everyone's (null), newest first. */
    public List<ApiKey> apiKeys(UUID user) {
        return user == null
                ? jdbc.query("select * from api_key order by created_at desc, id", (rs, i) -> apiKey(rs))
                : jdbc.query(
                        "select * from api_key where user_id = ? order by created_at desc, id",
                        (rs, i) -> apiKey(rs),
                        user);
    }

    /** Notes a use, at most once a minute per key (no write per request). */
    public void touchApiKey(UUID id) {
        jdbc.update(
                "update api_key set last_used_at = now() where id = ?"
                        + " and (last_used_at is null or last_used_at < now() - interval '1 minute')",
                id);
    }

    public boolean revokeApiKey(UUID id) {
        return jdbc.update("update api_key set revoked_at = now() where id = ? and revoked_at is null", id) == 1;
    }

    private static ApiKey apiKey(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("name"),
                Arrays.asList((String[]) rs.getArray("scopes").getArray()),
                rs.getBytes("secret_hash"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    // One-time links

    public void addLink(byte[] hash, UUID user, String purpose, Instant expiresAt) {
        jdbc.update(
                "insert into account_link (token_hash, user_id, purpose, expires_at) values (?, ?, ?, ?)",
                hash,
                user,
                purpose,
                Timestamp.from(expiresAt));
    }

    /** Uses the link once: the user it was for, if it exists, is unused, unexpired and for this purpose. */
    public Optional<UUID> useLink(byte[] hash, String purpose) {
        return jdbc
                .queryForList(
                        "update account_link set used_at = now() where token_hash = ? and purpose = ?"
                                + " and used_at is null and expires_at > now() returning user_id",
                        UUID.class,
                        hash,
                        purpose)
                .stream()
                .findFirst();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

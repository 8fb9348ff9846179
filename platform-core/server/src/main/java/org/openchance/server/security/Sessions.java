package org.openchance.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.openchance.store.security.CredentialStore;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in with a built-in account: a short-lived access token and a refresh token. A refresh token is used once: each
 * refresh replaces it with a new one of the same family, and a token used a second time (stolen and replayed, or a
 * client bug) ends the whole family, so a thief and the owner are both signed out and the owner signs in again.
 */
@Service
public class Sessions {

    /** What a client gets on sign-in and on refresh. */
    public record Tokens(String accessToken, String refreshToken, long expiresIn, String tokenType) {}

    /** Why a refresh was refused. */
    public static final class RefreshRefused extends RuntimeException {
        RefreshRefused(String message) {
            super(message);
        }
    }

    private final UserRepository users;
    private final CredentialStore credentials;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final Duration refreshLifetime;
    /** Compared against when the account does not exist, so that both cases take equally long. */
    private final String decoyHash;

    Sessions(
            UserRepository users,
            CredentialStore credentials,
            PasswordEncoder passwords,
            AccessTokens accessTokens,
            @Value("${openchance.security.refresh-token-lifetime:30d}") Duration refreshLifetime) {
        this.users = users;
        this.credentials = credentials;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshLifetime = refreshLifetime;
        this.decoyHash = passwords.encode(Secrets.random(16));
    }

    /** The active user with this e-mail and password, if both match. */
    Optional<UserRow> check(String email, String password) {
        Optional<UserRow> user = users.findByEmail(email.strip()).filter(UserRow::active);
        String hash = user.flatMap(u -> credentials.passwordHash(u.id())).orElse(null);
        if (hash == null) {
            passwords.matches(password, decoyHash);
            return Optional.empty();
        }
        return passwords.matches(password, hash) ? user : Optional.empty();
    }

    /** Tokens for a new session (a new refresh family). */
    @Transactional
    public Tokens start(UUID user) {
        return tokens(user, UUID.randomUUID());
    }

    /** The revocation of a replayed token's family must commit although the refresh is refused. */
    @Transactional(noRollbackFor = RefreshRefused.class)
    public Tokens refresh(String refreshToken) {
        CredentialStore.RefreshToken row = credentials
                .lockRefreshToken(Secrets.sha256(refreshToken))
                .orElseThrow(() -> new RefreshRefused("unknown refresh token"));
        if (row.revokedAt() != null) {
            throw new RefreshRefused("the refresh token was revoked");
        }
        if (row.usedAt() != null) {
            credentials.revokeRefreshFamily(row.familyId());
            throw new RefreshRefused("the refresh token was already used: every session of its sign-in is ended");
        }
        if (!row.expiresAt().isAfter(Instant.now())) {
            throw new RefreshRefused("the refresh token has expired");
        }
        if (users.findById(row.userId()).filter(UserRow::active).isEmpty()) {
            throw new RefreshRefused("the user is inactive");
        }
        credentials.markRefreshTokenUsed(row.id());
        return tokens(row.userId(), row.familyId());
    }

    /** Ends the sign-in the refresh token belongs to; false when the token is unknown. */
    @Transactional
    public boolean logout(String refreshToken) {
        return credentials
                .lockRefreshToken(Secrets.sha256(refreshToken))
                .map(row -> credentials.revokeRefreshFamily(row.familyId()) >= 0)
                .orElse(false);
    }

    /** Sets a password through a one-time link (invitation or reset) and signs the user in. */
    @Transactional
    public Optional<Tokens> accept(String token, String password) {
        byte[] hash = Secrets.sha256(token);
        Optional<UUID> user =
                credentials.useLink(hash, "INVITATION").or(() -> credentials.useLink(hash, "PASSWORD_RESET"));
        user.ifPresent(u -> setPassword(u, password));
        return user.map(this::start);
    }

    /** Stores a new password and ends every session of the user. */
    @Transactional
    public void setPassword(UUID user, String password) {
        credentials.setPasswordHash(user, passwords.encode(password));
        credentials.revokeRefreshTokensOf(user);
    }

    /** A one-time link token for the user (an invitation or a reset), valid for {@code validity}. */
    @Transactional
    public String link(UUID user, String purpose, Duration validity) {
        String token = Secrets.random(32);
        credentials.addLink(Secrets.sha256(token), user, purpose, Instant.now().plus(validity));
        if (purpose.equals("PASSWORD_RESET")) {
            credentials.revokeRefreshTokensOf(user);
        }
        return token;
    }

    public boolean passwordMatches(UUID user, String password) {
        return credentials
                .passwordHash(user)
                .map(h -> passwords.matches(password, h))
                .orElse(false);
    }

    private Tokens tokens(UUID user, UUID family) {
        String refresh = Secrets.random(32);
        credentials.addRefreshToken(
                UUID.randomUUID(),
                family,
                user,
                Secrets.sha256(refresh),
                Instant.now().plus(refreshLifetime));
        return new Tokens(
                accessTokens.issue(user), refresh, accessTokens.lifetime().toSeconds(), "Bearer");
    }
}

package org.openchance.server.security;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Optional;
import java.util.UUID;
import org.openchance.store.user.UserRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns the bearer token of a request into its {@link Caller}: an API key ({@code oc_...}), our own access token, or
 * (when configured) a token of the OpenID Connect issuer. The token's unverified {@code iss} only picks the decoder
 * that then checks everything; a token of any other issuer is refused without a statement. The user must exist and
 * be active. A token verified in the last seconds is not verified again ({@link CallerRows}).
 */
@Component
class BearerAuthentication implements AuthenticationManager {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthentication.class);

    private final ApiKeys apiKeys;
    private final AccessTokens accessTokens;
    private final OidcTokens oidc;
    private final CallerRows rows;

    BearerAuthentication(ApiKeys apiKeys, AccessTokens accessTokens, OidcTokens oidc, CallerRows rows) {
        this.apiKeys = apiKeys;
        this.accessTokens = accessTokens;
        this.oidc = oidc;
        this.rows = rows;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        Caller known = rows.verified(token);
        if (known != null) {
            return new CallerAuthentication(known);
        }
        CallerRows.Verified verified = verify(token);
        rows.rememberVerified(token, verified.caller(), verified.validUntil());
        return new CallerAuthentication(verified.caller());
    }

    private CallerRows.Verified verify(String token) {
        if (token.startsWith(ApiKeys.PREFIX)) {
            return apiKeys.authenticate(token)
                    .orElseThrow(() -> new InvalidBearerTokenException("unknown, revoked or expired API key"));
        }
        String issuer = issuerOf(token);
        if (AccessTokens.ISSUER.equals(issuer)) {
            Jwt jwt = decode(() -> accessTokens.decoder().decode(token));
            UserRow user = uuid(jwt.getSubject())
                    .flatMap(rows::user)
                    .filter(UserRow::active)
                    .orElseThrow(() -> new InvalidBearerTokenException("the token's user is unknown or inactive"));
            return new CallerRows.Verified(Caller.of(user, "password"), jwt.getExpiresAt());
        }
        if (oidc.enabled() && oidc.issuer().equals(issuer)) {
            Jwt jwt = decode(() -> oidc.decoder().decode(token));
            return new CallerRows.Verified(oidc.caller(jwt), jwt.getExpiresAt());
        }
        throw new InvalidBearerTokenException("the token is not from a trusted issuer");
    }

    private static String issuerOf(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidBearerTokenException("the token is not a JWT");
        }
    }

    private static Jwt decode(java.util.function.Supplier<Jwt> decode) {
        try {
            return decode.get();
        } catch (JwtException e) {
            LOG.debug("Refused token: {}", e.getMessage());
            throw new InvalidBearerTokenException(e.getMessage(), e);
        }
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

package org.openchance.server.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Tokens of an OpenID Connect provider (Keycloak, Entra ID, Okta, ...), when {@code openchance.security.oidc.issuer-uri}
 * is set: the server is then an OAuth2 resource server. The issuer's JWKS is found through its discovery document and
 * keys are picked by {@code kid}; only asymmetric algorithms are accepted (never {@code none}, never an HMAC "secret"
 * made of a public key); {@code exp}/{@code nbf} with a small skew, {@code iss} and {@code aud} are checked. The user
 * is the active OpenChance user whose e-mail (or another configured claim) the token carries; roles are theirs, or
 * come from a claim when one is configured.
 */
@Component
class OidcTokens {

    private final String issuer;
    private final String userClaim;
    private final String rolesClaim;
    private final UserRepository users;
    private final String audience;
    private final Duration skew;
    private volatile JwtDecoder decoder;

    OidcTokens(
            @Value("${openchance.security.oidc.issuer-uri:}") String issuer,
            @Value("${openchance.security.oidc.audience:}") String audience,
            @Value("${openchance.security.oidc.user-claim:email}") String userClaim,
            @Value("${openchance.security.oidc.roles-claim:}") String rolesClaim,
            @Value("${openchance.security.clock-skew:30s}") Duration skew,
            UserRepository users) {
        this.issuer = issuer.strip();
        this.userClaim = userClaim;
        this.rolesClaim = rolesClaim.strip();
        this.users = users;
        this.audience = audience.strip();
        this.skew = skew;
        if (!this.issuer.isEmpty() && this.audience.isEmpty()) {
            throw new IllegalStateException(
                    "openchance.security.oidc.audience must be set with an issuer: tokens meant for other services"
                            + " must not be accepted");
        }
    }

    /**
     * The decoder, made on the first token: discovery and JWKS are fetched then, so the server starts while the
     * provider is down (a failed discovery is tried again with the next token).
     */
    private JwtDecoder decoderNow() {
        JwtDecoder d = decoder;
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (decoder == null) {
                NimbusJwtDecoder nimbus = NimbusJwtDecoder.withIssuerLocation(issuer)
                        .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(
                                SignatureAlgorithm.RS256,
                                SignatureAlgorithm.RS384,
                                SignatureAlgorithm.RS512,
                                SignatureAlgorithm.PS256,
                                SignatureAlgorithm.ES256,
                                SignatureAlgorithm.ES384)))
                        .build();
                nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                        new JwtTimestampValidator(skew),
                        new JwtIssuerValidator(issuer),
                        new JwtClaimValidator<Collection<String>>(
                                JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience))));
                decoder = nimbus;
            }
            return decoder;
        }
    }

    boolean enabled() {
        return !issuer.isEmpty();
    }

    String issuer() {
        return issuer;
    }

    JwtDecoder decoder() {
        try {
            return decoderNow();
        } catch (RuntimeException e) {
            throw new InvalidBearerTokenException("the OpenID Connect provider cannot be reached: " + e.getMessage());
        }
    }

    /** The caller a verified token stands for. */
    Caller caller(Jwt jwt) {
        String key = jwt.getClaimAsString(userClaim);
        UserRow user = (key == null ? null : users.findByEmail(key.strip()).orElse(null));
        if (user == null || !user.active()) {
            throw new InvalidBearerTokenException("no active OpenChance user for the token's " + userClaim);
        }
        Caller caller = Caller.of(user, "oidc");
        if (rolesClaim.isEmpty() || caller.isPartner()) {
            return caller;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaimAsStringList(rolesClaim);
        if (claimed != null) {
            Arrays.stream(Role.values())
                    .filter(r -> r != Role.PARTNER
                            && claimed.stream()
                                    .anyMatch(c -> c.toUpperCase(Locale.ROOT).equals(r.name())))
                    .forEach(roles::add);
        }
        return new Caller(user, roles, caller.scopes(), "oidc", null);
    }
}

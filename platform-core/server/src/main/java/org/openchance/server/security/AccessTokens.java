package org.openchance.server.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * The server's own short-lived access tokens: RS256 JWTs with a {@code kid}, for users of built-in accounts. They name
 * the user ({@code sub}); roles are read from the user on every request, so a change takes effect at once.
 */
@Component
public class AccessTokens {

    /** The {@code iss} and {@code aud} of our tokens. */
    public static final String ISSUER = "openchance";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final Duration lifetime;

    AccessTokens(
            @Value("${openchance.security.key-dir:}") String keyDir,
            @Value("${openchance.security.key-rotation:90d}") Duration rotation,
            @Value("${openchance.security.access-token-lifetime:15m}") Duration lifetime,
            @Value("${openchance.security.clock-skew:30s}") Duration skew) {
        SigningKeys keys = SigningKeys.load(keyDir.isBlank() ? null : Path.of(keyDir), rotation);
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signing())));
        this.decoder = NimbusJwtDecoder.withJwkSource(
                        new ImmutableJWKSet<>(keys.all().toPublicJWKSet()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(skew),
                new JwtIssuerValidator(ISSUER),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(ISSUER))));
        this.decoder.setJwtValidator(validator);
        this.lifetime = lifetime;
    }

    /** A new access token for the user. */
    public String issue(UUID user) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(ISSUER))
                .subject(user.toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(lifetime))
                .id(UUID.randomUUID().toString())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Checks signature (by kid, RS256 only), expiry, not-before, issuer and audience. */
    JwtDecoder decoder() {
        return decoder;
    }
}

package org.openchance.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys the server signs its access tokens with (RS256, each with a {@code kid}). Kept as JWK files in
 * {@code openchance.security.key-dir}: the newest signs, all verify, so a new key (made on start when the newest is
 * older than the rotation period, or dropped in by an operator) logs nobody out. Without a folder the key lives in
 * memory and tokens end with the server.
 */
final class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final String SUFFIX = ".jwk.json";

    private final List<RSAKey> keys; // newest first

    private SigningKeys(List<RSAKey> keys) {
        this.keys = List.copyOf(keys);
    }

    static SigningKeys load(Path folder, Duration rotation) {
        if (folder == null) {
            LOG.warn("No openchance.security.key-dir: access tokens are signed with a key in memory and end with the"
                    + " server (the launcher keeps the key in the data folder)");
            return new SigningKeys(List.of(generate()));
        }
        try {
            Files.createDirectories(folder);
            List<RSAKey> found = new ArrayList<>();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                        .toList()) {
                    found.add(RSAKey.parse(Files.readString(file)));
                }
            }
            found.sort(Comparator.comparing(SigningKeys::issuedAt).reversed());
            if (found.isEmpty() || issuedAt(found.get(0)).isBefore(Instant.now().minus(rotation))) {
                RSAKey key = generate();
                Path file = folder.resolve(key.getKeyID() + SUFFIX);
                Files.writeString(file, key.toJSONString());
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own permissions protect it
                }
                LOG.info("New token signing key {} in {}", key.getKeyID(), folder);
                found.add(0, key);
            }
            // Keys older than two rotation periods sign nothing any token still in use could carry.
            Instant oldest = Instant.now().minus(rotation.multipliedBy(2));
            List<RSAKey> kept = found.stream()
                    .filter(k -> k == found.get(0) || issuedAt(k).isAfter(oldest))
                    .toList();
            return new SigningKeys(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing keys in " + folder, e);
        } catch (ParseException e) {
            throw new IllegalStateException("A signing key in " + folder + " is not a JWK: " + e.getMessage(), e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .issueTime(new Date())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static Instant issuedAt(RSAKey key) {
        return key.getIssueTime() == null ? Instant.EPOCH : key.getIssueTime().toInstant();
    }

    /** The key new tokens are signed with. */
    RSAKey signing() {
        return keys.get(0);
    }

    /** Every key a token may be signed with (public and private parts: the decoder uses the public ones). */
    JWKSet all() {
        return new JWKSet(new ArrayList<>(
                keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k).toList()));
    }
}

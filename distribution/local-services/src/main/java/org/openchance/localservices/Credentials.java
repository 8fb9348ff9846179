package org.openchance.localservices;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Passwords of a local PostgreSQL's roles, generated on first use and kept in a file only its owner may read (not in
 * the server's data folder, which belongs to the unprivileged user the server runs as).
 */
final class Credentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties passwords = new Properties();

    private Credentials(Path file) {
        this.file = file;
    }

    static Credentials of(Path file) {
        Credentials credentials = new Credentials(file);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                credentials.passwords.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return credentials;
    }

    /** The role's password, generated and saved if it has none yet. */
    synchronized String password(String role) {
        String password = passwords.getProperty(role);
        if (password == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            passwords.setProperty(role, password);
            save();
        }
        return password;
    }

    /** Whether {@code role} has a password here already. */
    synchronized boolean has(String role) {
        return passwords.containsKey(role);
    }

    /** Written beside and moved over the file: a crash meanwhile leaves the old file whole, never half of one. */
    private void save() {
        Path written = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.deleteIfExists(written);
            Files.createFile(
                    written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(written)) {
                passwords.store(out, "passwords of the local PostgreSQL's roles");
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

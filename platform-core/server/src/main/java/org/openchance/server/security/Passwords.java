package org.openchance.server.security;

import java.util.Optional;

/** What a new password must be: 10 to 200 characters (length is what makes a password strong, NIST SP 800-63B). */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;

    private Passwords() {}

    /** What is wrong with the password, e.g. "must have at least 10 characters"; empty when it will do. */
    public static Optional<String> problem(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must have at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }
}

package org.openchance.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.store.user.UserRow;

/** The remembered tokens: never past their own expiry, and forgotten with their user or key. */
class CallerRowsTest {

    private final CallerRows rows = new CallerRows(null, null, 5);
    private final Caller olga = Caller.of(UserRow.newEmployee("Olga Owner", "olga@example.com"), "password");

    @Test
    void aRememberedTokenStandsForItsCallerUntilItExpires() {
        rows.rememberVerified("valid", olga, Instant.now().plusSeconds(60));
        rows.rememberVerified("expired", olga, Instant.now().minusMillis(1));
        assertThat(rows.verified("valid")).isSameAs(olga);
        assertThat(rows.verified("expired")).isNull(); // verified again, and refused there
        assertThat(rows.verified("never seen")).isNull();
    }

    @Test
    void changingTheUserOrRevokingTheKeyForgetsTheirTokens() {
        UUID key = UUID.randomUUID();
        Caller viaKey = new Caller(olga.user(), olga.roles(), olga.scopes(), "api-key", key);
        Caller other = Caller.of(UserRow.newEmployee("Otto Other", "otto@example.com"), "password");
        rows.rememberVerified("olga's token", olga, null);
        rows.rememberVerified("olga's key", viaKey, null);
        rows.rememberVerified("otto's token", other, null);

        rows.forgetApiKey(key);
        assertThat(rows.verified("olga's key")).isNull();
        assertThat(rows.verified("olga's token")).isSameAs(olga);

        rows.forgetUser(olga.userId());
        assertThat(rows.verified("olga's token")).isNull();
        assertThat(rows.verified("otto's token")).isSameAs(other);
    }
}

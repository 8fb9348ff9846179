package org.openchance.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValidationTest {

    /** The rule as it was written: one @, no whitespace, a dot inside the domain. */
    private static final String RULE = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    @Test
    void anOverlongEmailGetsItsLengthErrorOnlyAndIsNotMatchedAtAll() {
        // "a@" + "." x n + "@": the regex backtracked quadratically (1.75 s at n = 32,000); a 1 MB address cost minutes
        String hostile = "a@" + ".".repeat(1_000_000) + "@";
        List<UserError> errors =
                errors(new Validation().text(hostile, "input.email", true, 320).email(hostile, "input.email"));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("input.email");
            assertThat(e.message()).isEqualTo("must be at most 320 characters");
        });
    }

    @Test
    void theEmailCheckAcceptsExactlyWhatTheRuleAccepted() {
        for (String address : List.of(
                "anna@gm.example",
                "a@b.c",
                "x.y+z@sub.domain.de",
                "a@b.",
                "a@.b",
                "a@b",
                "@b.c",
                "a b@c.de",
                "a@b@c.de",
                "a@b\t.de",
                "a@b..de",
                "ä@ö.ü",
                "a@.b.c",
                "")) {
            assertThat(Validation.isEmail(address)).as(address).isEqualTo(address.matches(RULE));
        }
        Random random = new Random(7); // seeded: the same strings every run
        String alphabet = "ab.@ \t";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(9); j > 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String address = s.toString();
            assertThat(Validation.isEmail(address)).as("\"" + address + "\"").isEqualTo(address.matches(RULE));
        }
    }

    @Test
    void aHostileAddressWithinTheLengthIsRefused() {
        String hostile = "a@" + ".".repeat(300) + "@";
        assertThat(Validation.isEmail(hostile)).isFalse();
        assertThat(errors(
                        new Validation().text(hostile, "input.email", true, 320).email(hostile, "input.email")))
                .extracting(UserError::message)
                .containsExactly("is not an e-mail address");
    }

    private static List<UserError> errors(Validation validation) {
        try {
            validation.orThrow();
            return List.of();
        } catch (UserErrorException e) {
            return new ArrayList<>(e.errors());
        }
    }
}

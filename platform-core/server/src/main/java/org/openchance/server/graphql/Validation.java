package org.openchance.server.graphql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Supplier;

/** Collects every validation error of an input, then fails once with all of them. */
public final class Validation {

    private final List<UserError> errors = new ArrayList<>();

    public Validation check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(UserError.validation(field, message));
        }
        return this;
    }

    public Validation add(UserError error) {
        errors.add(error);
        return this;
    }

    public Validation text(String value, String field, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            return check(!required, field, "must not be blank");
        }
        return check(value.length() <= maxLength, field, "must be at most " + maxLength + " characters");
    }

    /** An e-mail address when given (whether one is required is {@link #text}'s job). */
    public Validation email(String value, String field) {
        if (errors.stream().anyMatch(e -> field.equals(e.field()))) {
            return this; // already refused (too long, say): one error per field, and no work on a hostile value
        }
        return check(value == null || isEmail(value), field, "is not an e-mail address");
    }

    /**
     * One {@code @} with something before it, no whitespace, and a dot inside the part after it: what the pattern
     * {@code [^@\s]+@[^@\s]+\.[^@\s]+} accepts, in one pass (the pattern backtracked quadratically on
     * {@code "a@" + "." x n + "@"}).
     */
    static boolean isEmail(String value) {
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@')) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') { // the pattern's \s
                return false;
            }
        }
        int dot = value.indexOf('.', at + 2);
        return dot > 0 && dot < value.length() - 1;
    }

    /**
     * Runs a lookup that may fail with user errors (NOT_FOUND ...) and collects them instead of throwing, so that all
     * of an input's errors come at once; then null.
     */
    public <T> T collect(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (UserErrorException e) {
            e.errors().forEach(errors::add);
            return null;
        }
    }

    /** An amount of money: currency an ISO 4217 code, amount not negative with at most 4 decimals. */
    public Validation money(BigDecimal amount, String currency, String field) {
        check(amount.signum() >= 0, field + ".amount", "must not be negative");
        check(amount.stripTrailingZeros().scale() <= 4, field + ".amount", "must have at most 4 decimals");
        check(integerDigits(amount) <= 15, field + ".amount", "is too large");
        try {
            Currency.getInstance(currency);
            check(currency.length() == 3, field + ".currency", "must be an ISO 4217 code such as EUR");
        } catch (IllegalArgumentException | NullPointerException e) {
            check(false, field + ".currency", "must be an ISO 4217 code such as EUR");
        }
        return this;
    }

    /**
     * The digits before the decimal point (at least 1 for a non-zero amount), in long arithmetic: with an exponent
     * such as {@code 1E+2147483647} the int difference of precision and scale wraps around and looks small.
     */
    public static long integerDigits(BigDecimal amount) {
        return (long) amount.precision() - amount.scale();
    }

    /**
     * An amount a list filter compares with: refused as a query input error (VALIDATION) when it is larger than any
     * stored amount can be, before it reaches PostgreSQL or Elasticsearch.
     */
    public static BigDecimal amountBound(BigDecimal amount, String argument) {
        if (amount != null && integerDigits(amount) > 15) {
            throw new QueryInputException(argument, "must have at most 15 digits before the decimal point");
        }
        return amount;
    }

    /** The errors so far, in order. */
    public List<UserError> errors() {
        return List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws all collected errors, if any. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new UserErrorException(errors);
        }
    }
}

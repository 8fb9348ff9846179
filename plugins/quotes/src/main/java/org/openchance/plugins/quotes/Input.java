package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openchance.plugins.quotes.Database.Refused;

/**
 * A mutation's input as the host hands it over (a map), read field by field with the problems collected as user
 * errors: nothing is saved while there is one.
 */
final class Input {

    private final Map<String, Object> values;
    private final List<Map<String, Object>> errors = new ArrayList<>();

    @SuppressWarnings("unchecked")
    Input(Map<String, Object> arguments) {
        Object input = arguments.get("input");
        this.values = input instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    boolean has(String field) {
        return values.containsKey(field) && values.get(field) != null;
    }

    /** Given in the input, null included: a field an update clears. */
    boolean given(String field) {
        return values.containsKey(field);
    }

    Object raw(String field) {
        return values.get(field);
    }

    List<Map<String, Object>> errors() {
        return errors;
    }

    String id(String field) {
        Object value = values.get(field);
        return value == null ? null : value.toString();
    }

    /** Trimmed text of at most {@code max} characters; null when absent or blank (and not required). */
    String text(String field, boolean required, int max) {
        Object value = values.get(field);
        String text = value == null ? null : value.toString().trim();
        if (text == null || text.isEmpty()) {
            if (required) {
                fail("VALIDATION", field, "is required");
            }
            return null;
        }
        if (text.length() > max) {
            fail("VALIDATION", field, "is longer than " + max + " characters");
        }
        return text;
    }

    Integer integer(String field) {
        return values.get(field) instanceof Number n ? n.intValue() : null;
    }

    /** The expected version a change claims; required. */
    int expectedVersion() {
        Integer version = integer("expectedVersion");
        if (version == null) {
            fail("VALIDATION", "expectedVersion", "is required");
            return -1;
        }
        return version;
    }

    boolean flag(String field, boolean otherwise) {
        return values.get(field) instanceof Boolean b ? b : otherwise;
    }

    LocalDate date(String field) {
        return values.get(field) instanceof LocalDate d ? d : null;
    }

    /**
     * A decimal from {@code min} (inclusive, or exclusive when {@code minExclusive}) to {@code max} with at most
     * {@code scale} decimals; null when absent.
     */
    BigDecimal decimal(String field, BigDecimal min, boolean minExclusive, BigDecimal max, int scale, String rule) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof BigDecimal d)) {
            fail("VALIDATION", field, rule);
            return null;
        }
        int cmp = d.compareTo(min);
        if ((minExclusive ? cmp <= 0 : cmp < 0)
                || (max != null && d.compareTo(max) > 0)
                || d.stripTrailingZeros().scale() > scale
                || d.precision() - d.scale() > 15) {
            fail("VALIDATION", field, rule);
            return null;
        }
        return d;
    }

    /** A percentage 0 to 100 with at most 4 decimals. */
    BigDecimal percent(String field) {
        return decimal(field, BigDecimal.ZERO, false, BigDecimal.valueOf(100), 4, "must be between 0 and 100");
    }

    /** A tax rate in percent, 0 to 100 with at most 2 decimals (as stored). */
    BigDecimal taxRate(String field) {
        return decimal(
                field,
                BigDecimal.ZERO,
                false,
                BigDecimal.valueOf(100),
                2,
                "must be between 0 and 100 with at most 2 decimals");
    }

    /** An amount of money per unit: not negative, at most 4 decimals. */
    BigDecimal amount(String field) {
        return decimal(field, BigDecimal.ZERO, false, null, 4, "must be a decimal from 0 with at most 4 decimals");
    }

    String currency(String field) {
        String code = text(field, true, 3);
        if (code != null && !known(code)) {
            fail("VALIDATION", field, "must be an ISO 4217 code such as EUR");
        }
        return code;
    }

    static boolean known(String currency) {
        try {
            return currency.matches("[A-Z]{3}") && Currency.getInstance(currency) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    void fail(String code, String field, String message) {
        errors.add(error(code, message, field.startsWith("input") ? field : "input." + field));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** The payload of a failed mutation: the object null, the errors. */
    Map<String, Object> failed(String objectField) {
        return payload(objectField, null, errors);
    }

    static Map<String, Object> error(String code, String message, String field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        return error;
    }

    static Map<String, Object> payload(String objectField, Object object, List<Map<String, Object>> errors) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(objectField, object);
        payload.put("errors", errors);
        return payload;
    }

    static Map<String, Object> refused(String objectField, Refused refused) {
        return payload(objectField, null, List.of(error(refused.code, refused.getMessage(), refused.field)));
    }

    static Map<String, Object> notFound(String objectField, String field, String message) {
        return payload(objectField, null, List.of(error("NOT_FOUND", message, field)));
    }
}

package org.openchance.plugins.competitors;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mutation's input as the host hands it over (a map), read field by field with the problems collected as user
 * errors: nothing is saved while there is one.
 */
final class Input {

    static final Set<String> PRICE_POSITIONS = Set.of("LOWER", "SIMILAR", "HIGHER");

    private final Map<String, Object> values;
    private final List<Map<String, Object>> errors = new ArrayList<>();

    @SuppressWarnings("unchecked")
    Input(Map<String, Object> arguments) {
        Object input = arguments.get("input");
        this.values = input instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    Object raw(String field) {
        return values.get(field);
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

    int integer(String field) {
        return values.get(field) instanceof Number n ? n.intValue() : 0;
    }

    boolean flag(String field, boolean otherwise) {
        return values.get(field) instanceof Boolean b ? b : otherwise;
    }

    String website(String field) {
        String url = text(field, false, 2_000);
        if (url != null && !url.matches("(?i)https?://[^\\s/]+\\S*")) {
            fail("VALIDATION", field, "must be an http(s) address, e.g. https://example.com");
        }
        return url;
    }

    List<String> tags(String field) {
        List<String> tags = new ArrayList<>();
        if (values.get(field) instanceof List<?> given) {
            if (given.size() > 50) {
                fail("VALIDATION", field, "at most 50 tags");
            }
            for (Object tag : given) {
                String t = tag == null ? "" : tag.toString().trim();
                if (t.isEmpty() || t.length() > 100) {
                    fail("VALIDATION", field, "a tag is 1 to 100 characters");
                } else if (tags.stream().noneMatch(t::equalsIgnoreCase)) {
                    tags.add(t);
                }
            }
        }
        return tags;
    }

    /** A Money input ({amount, currency}): not negative, at most 4 decimals, an ISO 4217 code; null when absent. */
    Object[] money(String field) {
        if (!(values.get(field) instanceof Map<?, ?> money)) {
            return null;
        }
        BigDecimal amount = money.get("amount") instanceof BigDecimal d ? d : null;
        String currency =
                money.get("currency") == null ? null : money.get("currency").toString();
        if (amount == null
                || amount.signum() < 0
                || amount.stripTrailingZeros().scale() > 4
                || amount.precision() - amount.scale() > 15) {
            fail("VALIDATION", field + ".amount", "must be a decimal from 0 with at most 4 decimals");
        }
        if (currency == null || !currency.matches("[A-Z]{3}") || !known(currency)) {
            fail("VALIDATION", field + ".currency", "must be an ISO 4217 code such as EUR");
        }
        return new Object[] {amount, currency};
    }

    private static boolean known(String currency) {
        try {
            Currency.getInstance(currency);
            return true;
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

    static Map<String, Object> refused(String objectField, CompetitorStore.Refused refused) {
        return payload(objectField, null, List.of(error(refused.code, refused.getMessage(), refused.field)));
    }
}

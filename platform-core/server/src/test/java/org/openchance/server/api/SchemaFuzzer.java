package org.openchance.server.api;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Generates GraphQL requests from the live schema (its introspection): a root field with hostile argument values
 * (unicode, very long strings, SQL and Lucene metacharacters, NaN and 1e308 amounts, years 1 and 9999, ids of other
 * types or of nothing, values of the wrong type) passed as variables, and a random selection of the fields it returns.
 * Seeded: the same seed gives the same requests.
 */
final class SchemaFuzzer {

    /** The introspection fragment of a type reference, four wrappers deep (e.g. {@code [String!]!}). */
    static final String TYPE_FRAGMENT =
            "fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }\n";

    /** One generated request: its document, its variables, and what it called. */
    record Request(String operation, String field, String document, Map<String, Object> variables) {}

    /** Texts that have broken servers: empty, blank, unicode, metacharacters of SQL, Lucene, HTML and templates. */
    static final List<String> HOSTILE_TEXT = List.of(
            "",
            "   ",
            " leading and trailing ",
            "Müller-Lüdenscheidt GmbH & Co. KG",
            "' OR 1=1; drop table opportunity; --",
            "%_\\'\" \\x00 \\",
            "+-&&||!(){}[]^\"~*?:\\/ AND OR NOT",
            "<script>alert(1)</script><img src=x onerror=alert(2)>",
            "🚀💶 ﷽ \u202eRTL\u202c e\u0301 \u200b\ufeff",
            "\ud800 lone surrogate \udfff",
            "Null\u0000Byte",
            "%s%n%x ${jndi:ldap://127.0.0.1/a} {{7*7}}",
            "x".repeat(256),
            "y".repeat(100_001),
            "ü".repeat(5_000),
            "NaN",
            "1e308",
            "null",
            "line\nbreak\r\ttab",
            "https://127.0.0.1:5432/",
            "a@" + ".".repeat(2_000) + "@");

    /** How many 10 MB strings a run sends at most (each costs the server a 10 MB parse). */
    private static final int HUGE_STRINGS = 20;

    private final Map<String, JsonNode> types;
    private final List<JsonNode> queries;
    private final List<JsonNode> mutations;
    private final Set<String> rare;
    private final Random random;
    private final List<String> ids;
    private int hugeStrings;
    private int variable;

    /**
     * @param types the schema's types by name (introspection: kind, name, fields, inputFields, enumValues,
     *     possibleTypes)
     * @param rare root fields called seldom (slow by design: full scans, model training)
     * @param ids record ids seen so far: arguments of type ID are taken from here most of the time
     */
    SchemaFuzzer(
            Map<String, JsonNode> types,
            List<JsonNode> queries,
            List<JsonNode> mutations,
            Set<String> rare,
            long seed,
            List<String> ids) {
        this.types = types;
        this.queries = queries;
        this.mutations = mutations;
        this.rare = rare;
        this.random = new Random(seed);
        this.ids = ids;
    }

    Request next() {
        variable = 0;
        boolean mutation = random.nextInt(10) < 4;
        List<JsonNode> roots = mutation ? mutations : queries;
        JsonNode field = roots.get(random.nextInt(roots.size()));
        while (rare.contains(name(field)) && random.nextInt(50) != 0) {
            field = roots.get(random.nextInt(roots.size()));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> declarations = new ArrayList<>();
        String call = call(field, variables, declarations);
        String selection = selection(named(field.get("type")), 0, mutation && isWrite(name(field)));
        String operation = mutation ? "mutation" : "query";
        String document = operation + (declarations.isEmpty() ? "" : "(" + String.join(", ", declarations) + ")")
                + " { " + call + selection + " }";
        return new Request(operation, name(field), document, variables);
    }

    /** Whether a mutation stores what it is given (its answer is checked against its input). */
    static boolean isWrite(String mutation) {
        return mutation.startsWith("create") || mutation.startsWith("update") || mutation.equals("logActivity");
    }

    /** A corrupted document: cut, doubled braces, a stray quote or token, for the parser. */
    String corrupt(String document) {
        return switch (random.nextInt(5)) {
            case 0 -> document.substring(0, random.nextInt(document.length()));
            case 1 -> document.replace("{", "{{");
            case 2 -> document.replaceFirst(" ", " \"");
            case 3 -> document + " }".repeat(1 + random.nextInt(600));
            default -> "{".repeat(1 + random.nextInt(600)) + document;
        };
    }

    // --- the call and its arguments

    private String call(JsonNode field, Map<String, Object> variables, List<String> declarations) {
        List<String> arguments = new ArrayList<>();
        for (JsonNode arg : field.get("args")) {
            boolean required = arg.at("/type/kind").asString().equals("NON_NULL");
            if (!required && random.nextInt(10) < 4) {
                continue; // left out
            }
            String name = name(arg) + "_" + variable++; // e.g. input_0: the answer check finds its input
            declarations.add("$" + name + ": " + typeText(arg.get("type")));
            variables.put(name, required || random.nextInt(10) != 0 ? value(arg.get("type"), 0) : null);
            arguments.add(name(arg) + ": $" + name);
        }
        return name(field) + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")");
    }

    private Object value(JsonNode type, int depth) {
        if (random.nextInt(40) == 0) {
            return wrongKind(); // the wrong type: the server must refuse it by name, not fall over
        }
        switch (type.get("kind").asString()) {
            case "NON_NULL":
                return value(type.get("ofType"), depth);
            case "LIST": {
                int size = random.nextInt(100) == 0 ? 1_000 : random.nextInt(4);
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    list.add(value(type.get("ofType"), depth + 1));
                }
                return list;
            }
            default:
                break;
        }
        String name = type.get("name").asString();
        JsonNode definition = types.get(name);
        return switch (definition.get("kind").asString()) {
            case "ENUM" ->
                random.nextInt(15) == 0
                        ? "NOT_A_VALUE"
                        : pick(definition.get("enumValues")).get("name").asString();
            case "INPUT_OBJECT" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonNode input : definition.get("inputFields")) {
                    boolean required = input.at("/type/kind").asString().equals("NON_NULL");
                    if ((required || random.nextBoolean()) && depth < 5) {
                        object.put(name(input), value(input.get("type"), depth + 1));
                    } else if (!required && random.nextInt(20) == 0) {
                        object.put(name(input), null);
                    }
                }
                yield object;
            }
            default -> scalar(name);
        };
    }

    private Object scalar(String name) {
        return switch (name) {
            case "Int" -> pick(0, 1, -1, 20, 100, 101, 1_000, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt(50));
            case "Float" -> pick(0.0, -1.0, 0.5, 1e308, -1e308, 4.9e-324, 100.0);
            case "Boolean" -> random.nextBoolean();
            case "ID" -> id();
            case "Date" ->
                pick(
                        "2026-12-07",
                        "0001-01-01",
                        "9999-12-31",
                        "2026-02-30",
                        "+10000-01-01",
                        "",
                        "tomorrow",
                        "%04d-%02d-%02d"
                                .formatted(1 + random.nextInt(9999), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            case "DateTime" ->
                pick(
                        "2026-12-07T10:15:30Z",
                        "0001-01-01T00:00:00Z",
                        "9999-12-31T23:59:59.999999999Z",
                        "2026-12-07T25:00:00Z",
                        "2026-12-07",
                        "1970-01-01T00:00:00+14:00");
            case "Decimal" ->
                pick(
                        "0",
                        "1",
                        "-1",
                        "0.01",
                        "999999999999999.99",
                        "1e308",
                        "1E+2147483647",
                        "1E-2147483648",
                        "NaN",
                        "Infinity",
                        "-0",
                        "12,5",
                        "9".repeat(1_000),
                        String.valueOf(random.nextInt(1_000_000)));
            default -> string(); // String and custom text scalars
        };
    }

    private String string() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2, 3 -> HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
            case 4 ->
                hugeStrings < HUGE_STRINGS && random.nextInt(10) == 0
                        ? "z".repeat(10 * 1024 * 1024 + hugeStrings++)
                        : "y".repeat(random.nextInt(300_000));
            case 5 -> randomCodePoints(1 + random.nextInt(50));
            case 6 -> "a@" + ".".repeat(random.nextInt(50_000)) + "@";
            default -> "Fuzz " + Integer.toHexString(random.nextInt());
        };
    }

    private String randomCodePoints(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
            if (!Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private String id() {
        if (!ids.isEmpty() && random.nextInt(10) < 6) {
            return ids.get(random.nextInt(ids.size()));
        }
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> base64("Opportunity:" + UUID.randomUUID()); // of nothing
            case 2 -> base64("Opportunity:'; drop table opportunity; --");
            case 3 ->
                base64(pick("Account", "Contact", "User", "Task", "Competitor", "Quote") + ":" + UUID.randomUUID());
            case 4 -> UUID.randomUUID().toString(); // not opaque
            default -> string();
        };
    }

    private Object wrongKind() {
        return pick(
                "text", 42, -1e308, true, List.of(1, 2), Map.of("nested", Map.of("deeper", "x")), "x".repeat(2_000));
    }

    // --- the selection

    /**
     * The fields to ask for: {@code __typename} and some scalars; objects nested up to three levels. A write's answer
     * asks for every scalar of the record it returns (its input is checked against them).
     */
    private String selection(String typeName, int depth, boolean everyScalar) {
        JsonNode type = types.get(typeName);
        String kind = type.get("kind").asString();
        if (kind.equals("UNION")) {
            return " { __typename "
                    + stream(type.get("possibleTypes"))
                            .map(t -> "... on " + t.get("name").asString() + " { __typename }")
                            .collect(Collectors.joining(" "))
                    + " }";
        }
        if (!kind.equals("OBJECT") && !kind.equals("INTERFACE")) {
            return "";
        }
        List<String> fields = new ArrayList<>();
        fields.add("__typename");
        List<JsonNode> candidates = stream(type.get("fields")).toList();
        int composites = 0;
        for (JsonNode field : candidates) {
            String fieldType = named(field.get("type"));
            String fieldKind = types.get(fieldType).get("kind").asString();
            boolean leaf = fieldKind.equals("SCALAR") || fieldKind.equals("ENUM");
            boolean requiredArgs = stream(field.get("args"))
                    .anyMatch(a -> a.at("/type/kind").asString().equals("NON_NULL"));
            if (leaf) {
                if (!requiredArgs && (everyScalar || random.nextInt(3) == 0)) {
                    fields.add(name(field));
                }
            } else if (depth < 3 && composites < 2 && (everyScalar && depth == 0 || random.nextInt(4) == 0)) {
                // nested objects: arguments inline as literals would need escaping; left to their defaults
                if (!requiredArgs) {
                    fields.add(name(field) + selection(fieldType, depth + 1, everyScalar && depth == 0));
                    composites++;
                }
            }
        }
        return " { " + String.join(" ", fields) + " }";
    }

    // --- helpers

    private String typeText(JsonNode type) {
        return switch (type.get("kind").asString()) {
            case "NON_NULL" -> typeText(type.get("ofType")) + "!";
            case "LIST" -> "[" + typeText(type.get("ofType")) + "]";
            default -> type.get("name").asString();
        };
    }

    static String named(JsonNode type) {
        JsonNode t = type;
        while (t.get("name").isNull()) {
            t = t.get("ofType");
        }
        return t.get("name").asString();
    }

    static String name(JsonNode node) {
        return node.get("name").asString();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(nodes::add);
        }
        return nodes.stream();
    }

    private JsonNode pick(JsonNode array) {
        return array.get(random.nextInt(array.size()));
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

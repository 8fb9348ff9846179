package org.openchance.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.DescribedNode;
import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.MockedWiringFactory;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SDL files together make one valid schema that follows our naming conventions. */
class SchemaLintTest {

    private static final Path SCHEMA_DIR = Path.of("src/main/resources/graphql");

    @Test
    void filesTogetherFormAValidSchema() throws IOException {
        TypeDefinitionRegistry registry = registry();
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .wiringFactory(new MockedWiringFactory())
                .build();
        assertThat(new SchemaGenerator()
                        .makeExecutableSchema(registry, wiring)
                        .getQueryType()
                        .getFieldDefinition("node"))
                .isNotNull();
    }

    @Test
    void namesFollowTheConventions() throws IOException {
        List<String> violations = new ArrayList<>();
        for (TypeDefinition<?> definition : registry().getTypes(TypeDefinition.class)) {
            if (definition instanceof EnumTypeDefinition e) {
                for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
                    if (!v.getName().matches("[A-Z][A-Z0-9_]*")) {
                        violations.add(e.getName() + "." + v.getName() + " is not SCREAMING_SNAKE");
                    }
                }
            }
            if (definition instanceof InputObjectTypeDefinition i
                    && !i.getName().matches(".+(Input|Filter|Order)")) {
                violations.add("input " + i.getName() + " does not end in Input, Filter or Order");
            }
            if (definition instanceof ObjectTypeDefinition o
                    && o.getName().endsWith("Payload")
                    && o.getFieldDefinitions().stream()
                            .noneMatch(f -> f.getName().equals("errors"))) {
                violations.add(o.getName() + " has no errors field");
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyMutationTakesOneInputAndReturnsAPayload() throws IOException {
        List<String> violations = new ArrayList<>();
        List<graphql.language.FieldDefinition> mutations =
                registry().objectTypeExtensions().getOrDefault("Mutation", List.of()).stream()
                        .flatMap(extension -> extension.getFieldDefinitions().stream())
                        .toList();
        assertThat(mutations).hasSizeGreaterThan(10);
        mutations.forEach(field -> {
            boolean oneInput = field.getInputValueDefinitions().size() == 1
                    && field.getInputValueDefinitions().get(0).getName().equals("input");
            String returned = field.getType().toString();
            if (!oneInput || !returned.matches("NonNullType\\{type=TypeName\\{name='\\w+Payload'}}")) {
                violations.add(field.getName() + "(" + field.getInputValueDefinitions() + "): " + returned);
            }
        });
        assertThat(violations).isEmpty();
    }

    /** The SDL that plugins contribute, in the {@code sdl()} methods of these classes. */
    private static final List<Path> PLUGIN_SCHEMAS = List.of(
            Path.of(
                    "../plugins/scoring-criteria/src/main/java/org/openchance/plugins/scoringcriteria/ScorecardSchema.java"),
            Path.of(
                    "../plugins/scoring-predictive/src/main/java/org/openchance/plugins/scoringpredictive/PredictiveSchema.java"),
            Path.of("../plugins/example-scoring/src/main/java/org/openchance/plugins/examplescoring/FitSchema.java"),
            Path.of("../plugins/competitors/src/main/java/org/openchance/plugins/competitors/CompetitorSdl.java"),
            Path.of("../plugins/quotes/src/main/java/org/openchance/plugins/quotes/CatalogueSchema.java"),
            Path.of("../plugins/quotes/src/main/java/org/openchance/plugins/quotes/QuoteSdl.java"));

    /** GraphiQL is the front end's documentation: every element of the schema says what it means. */
    @Test
    void everyElementIsDescribed() throws IOException {
        TypeDefinitionRegistry registry = registry();
        assertThat(registry.objectTypeExtensions()).containsKeys("Query", "Mutation"); // not vacuous
        List<String> missing = undescribed(registry);
        assertThat(missing)
                .withFailMessage(
                        "%d elements of the SDL have no description:%n%s",
                        missing.size(), String.join(System.lineSeparator(), missing))
                .isEmpty();
    }

    /** The check above can fail: it finds an undescribed element of each kind. */
    @Test
    void theDescriptionCheckReportsWhatIsUndescribed() {
        TypeDefinitionRegistry tiny = new SchemaParser().parse("""
                "A thing."
                type Thing {
                  "Its name."
                  name: String
                  size: Int
                }
                """);
        assertThat(undescribed(tiny)).containsExactly("Thing.size");

        TypeDefinitionRegistry every = new SchemaParser().parse("""
                type Bare { "Described." ok: Int }
                "A scalar." scalar Described
                scalar Plain
                "An interface." interface Shape { area: Float }
                "A union." union Either = Bare
                "Colours." enum Colour { "Red." RED BLUE }
                "An input." input ThingInput { "Named." name: String size: Int }
                "   " type Blank { "Described." ok(limit: Int, "Described." offset: Int): Int }
                extend type Query { "Described." things: [Bare!]! count: Int }
                """);
        assertThat(undescribed(every))
                .containsExactlyInAnyOrder(
                        "Bare",
                        "Plain",
                        "Shape.area",
                        "Colour.BLUE",
                        "ThingInput.size",
                        "Blank",
                        "Blank.ok(limit)",
                        "Query.count");
    }

    /** What plugins add to the live schema is documentation too; each plugin's SDL is checked on its own. */
    @Test
    void everyElementThatPluginsContributeIsDescribed() throws IOException {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (Path source : PLUGIN_SCHEMAS) {
            TypeDefinitionRegistry registry = new SchemaParser().parse(sdlOf(Files.readString(source)));
            assertThat(registry.objectTypeExtensions())
                    .as("what %s adds", source.getFileName())
                    .isNotEmpty();
            List<String> undescribed = undescribed(registry);
            if (!undescribed.isEmpty()) {
                missing.put(source.getFileName().toString(), undescribed);
            }
        }
        assertThat(missing)
                .withFailMessage(
                        "plugin SDL without descriptions:%n%s",
                        missing.entrySet().stream()
                                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                                .reduce((a, b) -> a + System.lineSeparator() + b)
                                .orElse(""))
                .isEmpty();
    }

    /**
     * Every type, field, argument, input field and enum value without a (non-blank) description, as {@code Type},
     * {@code Type.field}, {@code Type.field(argument)} or {@code Enum.VALUE}, sorted. The fields of {@code extend}
     * blocks count; the blocks themselves take no description. The built-in scalars are not ours to describe.
     */
    static List<String> undescribed(TypeDefinitionRegistry registry) {
        Set<String> missing = new TreeSet<>();
        List<TypeDefinition<?>> types = new ArrayList<>();
        for (TypeDefinition<?> type : registry.getTypes(TypeDefinition.class)) {
            types.add(type);
        }
        for (ScalarTypeDefinition scalar : registry.scalars().values()) {
            if (!ScalarInfo.isGraphqlSpecifiedScalar(scalar.getName())) {
                types.add(scalar);
            }
        }
        for (TypeDefinition<?> type : types) {
            if (type instanceof DescribedNode<?> described) {
                check(described, type.getName(), missing);
            }
            members(type, missing);
        }
        List<TypeDefinition<?>> extensions = new ArrayList<>();
        registry.objectTypeExtensions().values().forEach(extensions::addAll);
        registry.interfaceTypeExtensions().values().forEach(extensions::addAll);
        registry.enumTypeExtensions().values().forEach(extensions::addAll);
        registry.inputObjectTypeExtensions().values().forEach(extensions::addAll);
        extensions.forEach(extension -> members(extension, missing));
        return new ArrayList<>(missing);
    }

    private static void members(TypeDefinition<?> type, Set<String> missing) {
        String name = type.getName();
        if (type instanceof ObjectTypeDefinition object) {
            fields(name, object.getFieldDefinitions(), missing);
        } else if (type instanceof InterfaceTypeDefinition shape) {
            fields(name, shape.getFieldDefinitions(), missing);
        } else if (type instanceof InputObjectTypeDefinition input) {
            input.getInputValueDefinitions().forEach(field -> check(field, name + "." + field.getName(), missing));
        } else if (type instanceof EnumTypeDefinition values) {
            values.getEnumValueDefinitions().forEach(value -> check(value, name + "." + value.getName(), missing));
        }
    }

    private static void fields(String type, List<FieldDefinition> fields, Set<String> missing) {
        for (FieldDefinition field : fields) {
            String path = type + "." + field.getName();
            check(field, path, missing);
            for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                check(argument, path + "(" + argument.getName() + ")", missing);
            }
        }
    }

    private static void check(DescribedNode<?> node, String path, Set<String> missing) {
        Description description = node.getDescription();
        if (description == null
                || description.getContent() == null
                || description.getContent().isBlank()) {
            missing.add(path);
        }
    }

    /**
     * The SDL of a plugin's {@code sdl()}: its Java text block, from the first triple quote after {@code sdl()} to the
     * closing one, with the text block's escapes of quotes undone.
     */
    static String sdlOf(String java) {
        String quotes = "\"\"\"";
        // the text block of the sdl() method, or the first one of a class that holds just the SDL
        int method = Math.max(0, java.indexOf("sdl()"));
        int start = java.indexOf(quotes, method);
        assertThat(start).as("a text block after sdl()").isNotNegative();
        start += quotes.length();
        int end = java.indexOf(quotes, start);
        while (end > 0 && java.charAt(end - 1) == '\\') { // an escaped \""" inside the block
            end = java.indexOf(quotes, end + quotes.length());
        }
        assertThat(end).as("the end of the text block").isPositive();
        return java.substring(start, end).replace("\\" + quotes, quotes).replace("\\\"", "\"");
    }

    private static TypeDefinitionRegistry registry() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(SCHEMA_DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls"))
                    .sorted()
                    .toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        return registry;
    }
}

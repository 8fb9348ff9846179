package org.openchance.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.MockedWiringFactory;
import graphql.schema.idl.RuntimeWiring;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's API contract ({@code docs/api.md}) against the schema: every type, field and enum value that the
 * {@code graphql} blocks under its "Core" headings name exists in the SDL, so a rename that front ends would feel
 * fails here first.
 */
class ApiContractTest {

    private static final Path CONTRACT = Path.of("../docs/api.md");
    private static final Path SCHEMA_DIR = Path.of("src/main/resources/graphql");
    private static final Pattern BLOCK = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("\\b(type|enum)\\s+(\\w+)[^{]*\\{([^}]*)}", Pattern.DOTALL);

    private static Map<String, List<String>> contract;
    private static GraphQLSchema schema;

    @BeforeAll
    static void read() throws IOException {
        contract = contract(Files.readString(CONTRACT));
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(SCHEMA_DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls"))
                    .sorted()
                    .toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        schema = new SchemaGenerator()
                .makeExecutableSchema(
                        registry,
                        RuntimeWiring.newRuntimeWiring()
                                .wiringFactory(new MockedWiringFactory())
                                .build());
    }

    @Test
    void everyNameOfTheContractIsInTheSchema() {
        List<String> missing = new ArrayList<>();
        contract.forEach((type, members) -> {
            GraphQLNamedType actual = (GraphQLNamedType) schema.getType(type);
            if (actual == null) {
                missing.add(type);
                return;
            }
            for (String member : members) {
                boolean present = actual instanceof GraphQLFieldsContainer fields
                        ? fields.getFieldDefinition(member) != null
                        : actual instanceof GraphQLEnumType e && e.getValue(member) != null;
                if (!present) {
                    missing.add(type + "." + member);
                }
            }
        });
        assertThat(missing).as("names of docs/api.md missing from the schema").isEmpty();
    }

    @Test
    void theContractIsRead() {
        // a contract read as empty would pass the check above vacuously
        assertThat(contract).containsKeys("Query", "Mutation", "Opportunity", "Account", "ActivityType", "Plugin");
        assertThat(contract.get("Query")).contains("opportunities", "search", "opportunitiesAsOf", "me");
        assertThat(contract.get("Mutation")).contains("createOpportunity", "closeOpportunity", "restoreOpportunity");
        assertThat(contract.get("Opportunity")).contains("expectedCloseDate", "closeDetails", "score", "version");
        assertThat(contract.get("ActivityType")).contains("PRESENTATION", "MILESTONE");
        assertThat(contract.values().stream().mapToInt(List::size).sum()).isGreaterThan(150);
    }

    /** The types of the Core sections, each with the fields (or enum values) it names. */
    static Map<String, List<String>> contract(String markdown) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (String section : markdown.split("\n## ")) {
            if (!section.startsWith("Core ")) {
                continue;
            }
            Matcher block = BLOCK.matcher(section);
            while (block.find()) {
                Matcher type = TYPE.matcher(block.group(1).replaceAll("#[^\\n]*", ""));
                while (type.find()) {
                    types.computeIfAbsent(type.group(2), t -> new ArrayList<>()).addAll(members(type.group(3)));
                }
            }
        }
        return types;
    }

    /** {@code id name owner: User contacts(first, after): ContactConnection!} → id, name, owner, contacts. */
    private static List<String> members(String body) {
        String names = body.replaceAll("\\([^)]*\\)", " ") // arguments, and (EMPLOYEE | PARTNER)
                .replaceAll(":\\s*\\[?\\s*\\w+!?\\s*]?!?", " "); // types
        List<String> members = new ArrayList<>();
        for (String word : names.trim().split("\\s+")) {
            if (word.matches("[A-Za-z_]\\w*")) {
                members.add(word);
            }
        }
        return members;
    }
}

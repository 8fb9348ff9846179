package org.openchance.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.TypeDefinition;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.MockedWiringFactory;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SDL files together make one valid schema that follows our naming conventions. */
class SchemaLintTest {

    private static final Path SCHEMA_DIR = Path.of("src/main/resources/graphql");

    @Test
    void filesTogetherFormAValidSchema() throws IOException {
        TypeDefinitionRegistry registry = registry();
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new MockedWiringFactory()).build();
        assertThat(new SchemaGenerator().makeExecutableSchema(registry, wiring).getQueryType().getFieldDefinition("node"))
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
            if (definition instanceof InputObjectTypeDefinition i && !i.getName().matches(".+(Input|Filter|Order)")) {
                violations.add("input " + i.getName() + " does not end in Input, Filter or Order");
            }
            if (definition instanceof ObjectTypeDefinition o && o.getName().endsWith("Payload")
                    && o.getFieldDefinitions().stream().noneMatch(f -> f.getName().equals("errors"))) {
                violations.add(o.getName() + " has no errors field");
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyMutationTakesOneInputAndReturnsAPayload() throws IOException {
        List<String> violations = new ArrayList<>();
        List<graphql.language.FieldDefinition> mutations = registry().objectTypeExtensions()
                .getOrDefault("Mutation", List.of()).stream()
                .flatMap(extension -> extension.getFieldDefinitions().stream()).toList();
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

    private static TypeDefinitionRegistry registry() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(SCHEMA_DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).sorted().toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        return registry;
    }
}

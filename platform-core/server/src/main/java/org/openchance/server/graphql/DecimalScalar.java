package org.openchance.server.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * {@code Decimal}: exact decimals as strings. JSON numbers with a fraction are refused as variables, since a client
 * that sends them has already been through binary floating point.
 */
final class DecimalScalar {

    static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
            .name("Decimal")
            .description("A decimal number serialised as a string")
            .coercing(new Coercing<BigDecimal, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof BigDecimal d) {
                        return d.toPlainString();
                    }
                    throw new CoercingSerializeException("Not a decimal: " + value);
                }

                @Override
                public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String s) {
                        return parse(s, CoercingParseValueException::new);
                    }
                    if (input instanceof Integer || input instanceof Long || input instanceof BigInteger) {
                        return new BigDecimal(input.toString());
                    }
                    throw new CoercingParseValueException("Decimal must be a string such as \"1234.50\", not " + input);
                }

                @Override
                public BigDecimal parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue s) {
                        return parse(s.getValue(), CoercingParseLiteralException::new);
                    }
                    if (input instanceof IntValue i) {
                        return new BigDecimal(i.getValue());
                    }
                    if (input instanceof FloatValue f) {
                        return f.getValue(); // parsed exactly from the query text
                    }
                    throw new CoercingParseLiteralException("Decimal must be a string such as \"1234.50\"");
                }
            })
            .build();

    private DecimalScalar() {}

    private static <E extends RuntimeException> BigDecimal parse(
            String text, java.util.function.Function<String, E> error) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw error.apply("Not a decimal: \"" + text + "\"");
        }
    }
}

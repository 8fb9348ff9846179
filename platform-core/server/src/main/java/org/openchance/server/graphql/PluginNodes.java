package org.openchance.server.graphql;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;

/**
 * The plugins' own {@code Node} types ({@code SchemaContribution.nodes()}), for {@code Query.node}: the live schema
 * sets the loader whenever it is rebuilt. The object a loader returns carries its type under {@link #TYPE} for the
 * type resolver.
 */
@Component
public class PluginNodes {

    /** The key of a plugin's object that names its GraphQL type. */
    public static final String TYPE = "__nodeType";

    private final AtomicReference<BiFunction<String, UUID, Object>> loader = new AtomicReference<>((type, id) -> null);

    /** The plugin object of this type and record id, as its plugin answers it; empty when there is none. */
    public Optional<Object> find(String type, UUID id) {
        return Optional.ofNullable(loader.get().apply(type, id));
    }

    public void use(BiFunction<String, UUID, Object> next) {
        loader.set(next);
    }

    /** The GraphQL type of a plugin's object, when it says. */
    public static Optional<String> typeOf(Object value) {
        return value instanceof Map<?, ?> map && map.get(TYPE) instanceof String type
                ? Optional.of(type)
                : Optional.empty();
    }
}

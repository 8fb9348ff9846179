package org.openchance.server.plugin;

import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.openchance.api.graphql.BatchFieldResolver;
import org.openchance.api.graphql.FieldContext;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.DocumentCache;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.PluginNodes;
import org.openchance.server.graphql.RecordIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * The GraphQL schema as it is right now: the product's SDL plus the contributions of the running plugins. Rebuilt
 * when a plugin comes or goes and swapped atomically; a request in flight finishes on the schema it started with.
 * A contribution that does not fit is left out, reported on its plugin, and the rest goes live.
 */
public final class LiveGraphQlSource implements GraphQlSource {

    private static final Logger LOG = LoggerFactory.getLogger(LiveGraphQlSource.class);

    /** What Spring Boot's builder would have been given, collected once. */
    record Parts(
            Resource[] schemaResources,
            List<DataFetcherExceptionResolver> exceptionResolvers,
            List<Instrumentation> instrumentations,
            List<RuntimeWiringConfigurer> wiring,
            List<GraphQlSourceBuilderCustomizer> customizers,
            long documentCacheCharacters) {}

    private final Parts parts;
    private final PluginRegistry registry;
    private final Supplier<Optional<String>> currentUserId;
    private final BooleanSupplier partner;
    private final BiPredicate<String, UUID> visible;
    private final AtomicReference<GraphQlSource> current = new AtomicReference<>();
    private final PluginNodes nodes;

    /** The data loader of the plugins' batch fields (one for all: contributions come and go while it stays). */
    static final String PLUGIN_BATCHES = "pluginBatchFields";

    /** An occurrence of a plugin's batch field; compared by identity, as each occurrence is its own. */
    private record BatchCall(String pluginId, BatchFieldResolver resolver, FieldContext context) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** What a batch gave one occurrence: its value, or why it has none. */
    private record Outcome(Object value, String error) {}

    /**
     * @param partner whether the request's user is an external partner
     * @param visible whether the request's user may see the host's record of this type and id (true for types that
     *     are not the host's records)
     */
    LiveGraphQlSource(
            Parts parts,
            PluginRegistry registry,
            Supplier<Optional<String>> currentUserId,
            BooleanSupplier partner,
            BiPredicate<String, UUID> visible,
            PluginNodes nodes,
            BatchLoaderRegistry batches) {
        batches.<BatchCall, Outcome>forName(PLUGIN_BATCHES)
                .withOptions(o -> o.setCachingEnabled(false))
                .registerMappedBatchLoader((calls, env) -> Mono.fromSupplier(() -> resolveAll(calls)));
        this.parts = parts;
        this.registry = registry;
        this.currentUserId = currentUserId;
        this.partner = partner;
        this.visible = visible;
        this.nodes = nodes;
        rebuild();
        registry.onSchemaChange(this::rebuild);
    }

    @Override
    public GraphQL graphQl() {
        return current.get().graphQl();
    }

    @Override
    public GraphQLSchema schema() {
        return current.get().schema();
    }

    /** Builds the schema with every contribution that fits and swaps it in. */
    synchronized void rebuild() {
        long started = System.nanoTime();
        List<Extension<SchemaContribution>> fitting = new ArrayList<>();
        for (Extension<SchemaContribution> contribution : registry.schemaContributions()) {
            List<Extension<SchemaContribution>> candidate = new ArrayList<>(fitting);
            candidate.add(contribution);
            try {
                build(candidate);
                fitting.add(contribution);
            } catch (RuntimeException e) {
                String message = "schema contribution refused: " + e.getMessage();
                registry.reportError(contribution.pluginId(), message);
                LOG.error("Plugin {}: {}", contribution.pluginId(), message);
            }
        }
        current.set(build(fitting));
        nodes.use(nodeLoader(fitting));
        LOG.info(
                "GraphQL schema built with {} plugin contribution(s) in {} ms",
                fitting.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private GraphQlSource build(List<Extension<SchemaContribution>> contributions) {
        List<Resource> resources = new ArrayList<>(List.of(parts.schemaResources()));
        // each contribution's SDL parsed once per build: for the nullable fields and for wiring its resolvers
        Map<Extension<SchemaContribution>, PluginFields> fields = new java.util.HashMap<>();
        Set<String> onProductTypes = new HashSet<>();
        for (Extension<SchemaContribution> c : contributions) {
            PluginFields declared = PluginFields.of(c.service());
            fields.put(c, declared);
            onProductTypes.addAll(declared.onProductTypes());
        }
        for (Extension<SchemaContribution> c : contributions) {
            resources.add(
                    new ByteArrayResource(
                            c.service().sdl().getBytes(StandardCharsets.UTF_8), "schema of plugin " + c.pluginId()) {
                        @Override
                        public String getFilename() {
                            return c.pluginId() + ".graphqls";
                        }
                    });
        }
        GraphQlSource.SchemaResourceBuilder builder = GraphQlSource.schemaResourceBuilder()
                .schemaResources(resources.toArray(Resource[]::new))
                .exceptionResolvers(parts.exceptionResolvers());
        parts.wiring().forEach(builder::configureRuntimeWiring);
        builder.configureRuntimeWiring(wiring -> contributions.forEach(c -> wire(wiring, c, fields.get(c))));
        parts.customizers().forEach(customizer -> customizer.customize(builder));
        builder.typeVisitorsToTransformSchema(List.of(PluginFields.nullable(onProductTypes)));
        // Documents validated against another schema must not be reused: one cache per schema.
        DocumentCache documents = new DocumentCache(parts.documentCacheCharacters());
        builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents)
                .instrumentation(instrumentation(parts.instrumentations())));
        GraphQlSource source = builder.build();
        source.schema(); // fail here, not on the first request
        return source;
    }

    /**
     * A single instrumentation as it is: Spring would wrap even one in a {@link ChainedInstrumentation}, whose
     * bookkeeping runs for every fetched field (a few per cent of a page of 50 in a JFR profile).
     */
    private static Instrumentation instrumentation(List<Instrumentation> instrumentations) {
        return instrumentations.size() == 1 ? instrumentations.get(0) : new ChainedInstrumentation(instrumentations);
    }

    private void wire(RuntimeWiring.Builder wiring, Extension<SchemaContribution> c, PluginFields fields) {
        fields.requireOwnResolvers(c.service().resolvers());
        fields.requireOwnResolvers(c.service().batchResolvers());
        c.service()
                .batchResolvers()
                .forEach((type, resolvers) -> resolvers.keySet().forEach(field -> {
                    if (c.service().resolvers().getOrDefault(type, Map.of()).containsKey(field)) {
                        throw new IllegalArgumentException(
                                "it resolves " + type + "." + field + " twice: one by one and in batches");
                    }
                }));
        c.service()
                .resolvers()
                .forEach((type, resolvers) -> wiring.type(type, typeWiring -> {
                    resolvers.forEach((field, resolver) -> typeWiring.dataFetcher(
                            field,
                            fetcher(
                                    c.pluginId(),
                                    resolver,
                                    fields.declaredNonNull().contains(type + "." + field))));
                    return typeWiring;
                }));
        c.service()
                .batchResolvers()
                .forEach((type, resolvers) -> wiring.type(type, typeWiring -> {
                    resolvers.forEach((field, resolver) -> typeWiring.dataFetcher(
                            field,
                            batchFetcher(
                                    c.pluginId(),
                                    resolver,
                                    fields.declaredNonNull().contains(type + "." + field))));
                    return typeWiring;
                }));
    }

    /** Whether the field's type is a Relay connection type ({@code ...Connection}, also when non-null). */
    private static boolean isConnection(graphql.schema.GraphQLOutputType type) {
        return graphql.schema.GraphQLTypeUtil.unwrapAll(type).getName().endsWith("Connection");
    }

    /**
     * {@code node(id)} for the plugins' own types: the loader of the contribution that declares the type, behind the
     * registry's guard (a failing plugin answers null), its object marked with its type.
     */
    private java.util.function.BiFunction<String, UUID, Object> nodeLoader(
            List<Extension<SchemaContribution>> fitting) {
        Map<String, Extension<SchemaContribution>> owners = new java.util.HashMap<>();
        for (Extension<SchemaContribution> c : fitting) {
            c.service().nodes().keySet().forEach(type -> owners.putIfAbsent(type, c));
        }
        return (type, id) -> {
            Extension<SchemaContribution> owner = owners.get(type);
            if (owner == null) {
                return null;
            }
            FieldContext context = context(Map.of("id", id), null, currentUserId.get(), partner.getAsBoolean());
            try {
                Object found = registry.call(
                        owner.pluginId(),
                        DelegatingSecurityContextCallable.create(
                                () -> owner.service().nodes().get(type).resolve(context),
                                SecurityContextHolder.getContext()));
                if (!(found instanceof Map<?, ?> map)) {
                    return null;
                }
                Map<Object, Object> marked = new java.util.LinkedHashMap<>(map);
                marked.put(PluginNodes.TYPE, type);
                return marked;
            } catch (PluginCallException e) {
                LOG.warn("Plugin {}: node {} not loaded: {}", owner.pluginId(), type, e.getMessage());
                return null;
            }
        };
    }

    /** What a plugin's resolver is told about the field (or node) it resolves. */
    private FieldContext context(
            Map<String, Object> arguments, Object source, Optional<String> userId, boolean partnerUser) {
        return new FieldContext() {
            @Override
            public Map<String, Object> arguments() {
                return arguments;
            }

            @Override
            public Object source() {
                return source;
            }

            @Override
            public Optional<String> currentUserId() {
                return userId;
            }

            @Override
            public boolean partner() {
                return partnerUser;
            }

            @Override
            public Optional<UUID> sourceRecordId() {
                return RecordIds.of(source); // the host's records; plugin types are maps
            }

            @Override
            public Optional<UUID> recordId(String apiId, String type) {
                // an id the user may not see is no id: a plugin's query by id cannot show what they may not
                return apiId == null
                        ? Optional.empty()
                        : GlobalId.decode(apiId, type).filter(id -> visible.test(type, id));
            }

            @Override
            public String apiId(String type, UUID recordId) {
                return GlobalId.of(type, recordId);
            }

            @Override
            public Optional<Object> sourceValue(String field) {
                return RecordIds.value(source, field);
            }
        };
    }

    /** A plugin's resolver behind the registry's guard: its failure is an error of this field only. */
    private DataFetcher<Object> fetcher(String pluginId, FieldResolver resolver, boolean declaredNonNull) {
        return env -> {
            // Read on the request's thread: the plugin's call runs on another one.
            Optional<String> userId = currentUserId.get();
            FieldContext context = context(env.getArguments(), env.getSource(), userId, partner.getAsBoolean());
            try {
                // The plugin's thread acts for the request's user: host services read through their visibility.
                Object result = registry.call(
                        pluginId,
                        DelegatingSecurityContextCallable.create(
                                () -> resolver.resolve(context), SecurityContextHolder.getContext()));
                return served(env, pluginId, result, declaredNonNull);
            } catch (PluginCallException e) {
                return pluginError(env, pluginId, e.getMessage());
            }
        };
    }

    /**
     * A plugin's batch resolver: the field's occurrences that graphql-java resolves together (a page's opportunities)
     * go to the plugin in one call, through the request's data loader.
     */
    private DataFetcher<Object> batchFetcher(String pluginId, BatchFieldResolver resolver, boolean declaredNonNull) {
        return env -> {
            FieldContext context =
                    context(env.getArguments(), env.getSource(), currentUserId.get(), partner.getAsBoolean());
            return env.<BatchCall, Outcome>getDataLoader(PLUGIN_BATCHES)
                    .load(new BatchCall(pluginId, resolver, context))
                    .thenApply(outcome -> outcome.error() != null
                            ? pluginError(env, pluginId, outcome.error())
                            : served(env, pluginId, outcome.value(), declaredNonNull));
        };
    }

    /** One call per plugin and resolver for all its occurrences; each gets its value or the batch's error. */
    private Map<BatchCall, Outcome> resolveAll(Set<BatchCall> calls) {
        Map<BatchCall, Outcome> outcomes = new HashMap<>();
        Map<BatchFieldResolver, List<BatchCall>> byResolver = new java.util.IdentityHashMap<>();
        calls.forEach(call -> byResolver
                .computeIfAbsent(call.resolver(), r -> new ArrayList<>())
                .add(call));
        byResolver.forEach((resolver, batch) -> {
            String pluginId = batch.get(0).pluginId();
            List<FieldContext> contexts = batch.stream().map(BatchCall::context).toList();
            try {
                List<?> values = registry.call(
                        pluginId,
                        DelegatingSecurityContextCallable.create(
                                () -> resolver.resolveAll(contexts), SecurityContextHolder.getContext()));
                if (values == null || values.size() != batch.size()) {
                    String message = "Plugin " + pluginId + ": " + (values == null ? "no" : values.size())
                            + " values returned for " + batch.size() + " fields";
                    registry.reportError(pluginId, message);
                    batch.forEach(call -> outcomes.put(call, new Outcome(null, message)));
                    return;
                }
                for (int i = 0; i < batch.size(); i++) {
                    outcomes.put(batch.get(i), new Outcome(values.get(i), null));
                }
            } catch (PluginCallException e) {
                batch.forEach(call -> outcomes.put(call, new Outcome(null, e.getMessage())));
            } catch (RuntimeException e) { // the call could not even be made (the host is stopping, say)
                LOG.warn("Plugin {}: batch of {} fields not resolved", pluginId, batch.size(), e);
                String message = "Plugin " + pluginId + " could not be called: "
                        + e.getClass().getSimpleName();
                batch.forEach(call -> outcomes.put(call, new Outcome(null, message)));
            }
        });
        return outcomes;
    }

    /** A plugin's value as the field serves it: an error of this field if it cannot be, a connection if it is one. */
    private Object served(
            graphql.schema.DataFetchingEnvironment env, String pluginId, Object result, boolean declaredNonNull) {
        String broken = PluginFields.unusable(result, declaredNonNull);
        if (broken != null) { // an error of this field, not a null that wipes its parents
            String message = "Plugin " + pluginId + ": " + broken + " for "
                    + ((graphql.schema.GraphQLNamedType) env.getParentType()).getName() + "."
                    + env.getField().getName();
            registry.reportError(pluginId, message);
            return pluginError(env, pluginId, message);
        }
        return result instanceof Map<?, ?> page && isConnection(env.getFieldType())
                ? new PluginConnection(page)
                : result;
    }

    private static DataFetcherResult<Object> pluginError(
            graphql.schema.DataFetchingEnvironment env, String pluginId, String message) {
        return DataFetcherResult.newResult()
                .error(GraphqlErrorBuilder.newError(env)
                        .message(message)
                        .extensions(Map.of("code", "PLUGIN_ERROR", "plugin", pluginId))
                        .build())
                .build();
    }
}

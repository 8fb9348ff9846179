package org.openchance.server.plugin;

import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.NodeController;
import org.openchance.server.graphql.PluginNodes;
import org.openchance.server.user.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Our own {@link GraphQlSource} (Spring Boot then backs off from its own): the same parts Boot's builder would use,
 * collected once, so the schema can be rebuilt when plugins come and go.
 */
@Configuration(proxyBeanMethods = false)
class LiveSchemaConfiguration {

    @Bean
    GraphQlSource graphQlSource(
            ResourcePatternResolver resources,
            @Value("${spring.graphql.schema.locations:classpath*:graphql/}") String locations,
            ObjectProvider<DataFetcherExceptionResolver> exceptionResolvers,
            ObjectProvider<Instrumentation> instrumentations,
            ObjectProvider<RuntimeWiringConfigurer> wiringConfigurers,
            ObjectProvider<GraphQlSourceBuilderCustomizer> customizers,
            @Value("${openchance.graphql.document-cache-characters:4000000}") long documentCacheCharacters,
            PluginRegistry registry,
            CurrentUser currentUser,
            NodeController nodes,
            PluginNodes pluginNodes,
            BatchLoaderRegistry batches)
            throws IOException {
        List<Resource> schema = new ArrayList<>();
        for (String location : locations.split(",")) {
            String base = location.trim().endsWith("/") ? location.trim() : location.trim() + "/";
            schema.addAll(List.of(resources.getResources(base + "**/*.graphqls")));
        }
        List<RuntimeWiringConfigurer> wiring = new ArrayList<>();
        for (RuntimeWiringConfigurer configurer :
                wiringConfigurers.orderedStream().toList()) {
            // The annotated controllers register their DataLoaders each time they configure a wiring: once only,
            // then replay the data fetchers they produced on every rebuild.
            wiring.add(configurer instanceof AnnotatedControllerConfigurer ? replayed(configurer) : configurer);
        }
        LiveGraphQlSource.Parts parts = new LiveGraphQlSource.Parts(
                schema.toArray(Resource[]::new),
                exceptionResolvers.orderedStream().toList(),
                instrumentations.orderedStream().toList(),
                wiring,
                customizers.orderedStream().toList(),
                documentCacheCharacters);
        return new LiveGraphQlSource(
                parts,
                registry,
                () -> currentUser.id().map(id -> GlobalId.of("User", id)),
                currentUser::isPartner,
                (type, id) -> !NodeController.isRecordType(type)
                        || nodes.find(new GlobalId(type, id)).isPresent(),
                pluginNodes,
                batches);
    }

    private static RuntimeWiringConfigurer replayed(RuntimeWiringConfigurer configurer) {
        RuntimeWiring.Builder once = RuntimeWiring.newRuntimeWiring();
        configurer.configure(once);
        Map<String, Map<String, DataFetcher>> fetchers = once.build().getDataFetchers();
        return builder -> fetchers.forEach((type, fields) -> builder.type(type, t -> t.dataFetchers(fields)));
    }
}

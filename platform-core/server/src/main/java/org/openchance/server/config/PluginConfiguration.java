package org.openchance.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.openchance.pluginhost.PluginFramework;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.pluginhost.PluginStorageFactory;
import org.openchance.pluginhost.PluginSwitches;
import org.openchance.server.plugin.PluginDataSources;
import org.openchance.store.RequestStatementTimeouts;
import org.openchance.store.plugin.PluginRoles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

@Configuration(proxyBeanMethods = false)
class PluginConfiguration {

    @Bean(destroyMethod = "close")
    @DependsOn("pluginDataSources") // the plugins' pools close after the plugins have stopped
    PluginFramework pluginFramework(PluginProperties properties) throws IOException {
        Path cache = properties.cacheDir() != null
                ? properties.cacheDir()
                : Files.createTempDirectory("openchance-plugins-");
        return PluginFramework.start(cache, properties.dir(), properties.safeMode());
    }

    /** Each plugin's connections, as its own database role; closed after the framework (declared before it). */
    @Bean(destroyMethod = "close")
    PluginDataSources pluginDataSources(
            DataSource dataSource,
            @Value("${spring.datasource.url}") String jdbcUrl,
            @Value("${openchance.request.statement-timeout:10s}") Duration statementTimeout,
            @Value("${openchance.request.timeout:30s}") Duration requestTimeout) {
        return new PluginDataSources(new PluginRoles(dataSource), jdbcUrl, statementTimeout, requestTimeout);
    }

    @Bean(destroyMethod = "close")
    PluginRegistry pluginRegistry(
            PluginFramework framework,
            PluginProperties properties,
            PluginDataSources pluginDataSources,
            PluginSwitches switches) {
        PluginRegistry registry = new PluginRegistry(
                framework, properties.callBudget(), properties.failureLimit(), properties.breakerCooldown(), switches);
        PluginStorageFactory.register(framework, pluginDataSources, registry::reportError);
        // a call made for a request keeps the request's statement timeout on the plugin host's thread
        registry.carry(new PluginRegistry.CallContext() {
            @Override
            public <T> Callable<T> carry(Callable<T> call) {
                return RequestStatementTimeouts.carry(call);
            }
        });
        return registry;
    }
}

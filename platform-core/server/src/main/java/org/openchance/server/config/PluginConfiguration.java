package org.openchance.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.openchance.pluginhost.PluginFramework;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.pluginhost.PluginStorageFactory;
import org.openchance.pluginhost.PluginSwitches;
import org.openchance.store.RequestStatementTimeouts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PluginConfiguration {

    @Bean(destroyMethod = "close")
    PluginFramework pluginFramework(PluginProperties properties) throws IOException {
        Path cache = properties.cacheDir() != null
                ? properties.cacheDir()
                : Files.createTempDirectory("openchance-plugins-");
        return PluginFramework.start(cache, properties.dir(), properties.safeMode());
    }

    @Bean(destroyMethod = "close")
    PluginRegistry pluginRegistry(
            PluginFramework framework, PluginProperties properties, DataSource dataSource, PluginSwitches switches) {
        PluginRegistry registry = new PluginRegistry(
                framework, properties.callBudget(), properties.failureLimit(), properties.breakerCooldown(), switches);
        PluginStorageFactory.register(framework, dataSource, registry::reportError);
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

package org.openchance.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.openchance.pluginhost.PluginFramework;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.pluginhost.PluginStorageFactory;
import org.openchance.pluginhost.PluginSwitches;
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
        return registry;
    }
}

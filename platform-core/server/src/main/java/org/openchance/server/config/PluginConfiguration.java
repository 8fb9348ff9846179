package org.openchance.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openchance.pluginhost.PluginFramework;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PluginConfiguration {

    @Bean(destroyMethod = "close")
    PluginFramework pluginFramework(PluginProperties properties) throws IOException {
        Path cache = properties.cacheDir() != null ? properties.cacheDir() : Files.createTempDirectory("openchance-plugins-");
        return PluginFramework.start(cache);
    }
}

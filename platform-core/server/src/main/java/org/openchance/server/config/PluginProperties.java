package org.openchance.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Plugins.
 *
 * @param cacheDir where the OSGi framework keeps its bundle cache; a temporary folder when not set
 */
@ConfigurationProperties("openchance.plugins")
public record PluginProperties(Path cacheDir) {
}

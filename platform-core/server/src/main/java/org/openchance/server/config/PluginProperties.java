package org.openchance.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Plugins.
 *
 * @param cacheDir     where the OSGi framework keeps its bundle cache; a temporary folder when not set
 * @param dir          the watched plugin folder: bundles dropped in start, replaced ones update, removed ones stop
 * @param safeMode     start no plugin (to get a server with a misbehaving plugin back)
 * @param callBudget   how long one call into a plugin may take
 * @param failureLimit failures in a row after which a plugin is switched off
 * @param breakerCooldown how long such a plugin stays off before calls go through again on trial
 */
@ConfigurationProperties("openchance.plugins")
public record PluginProperties(
        Path cacheDir,
        Path dir,
        @DefaultValue("false") boolean safeMode,
        @DefaultValue("2s") Duration callBudget,
        @DefaultValue("5") int failureLimit,
        @DefaultValue("5m") Duration breakerCooldown) {}

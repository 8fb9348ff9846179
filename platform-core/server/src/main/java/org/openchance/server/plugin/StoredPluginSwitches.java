package org.openchance.server.plugin;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Set;
import org.openchance.pluginhost.PluginSwitches;
import org.openchance.store.plugin.PluginSwitchStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The plugins switched off by hand, from PostgreSQL: every guarded plugin call asks, so the set is read at most once
 * per {@code openchance.plugins.switch-refresh} (2 s); a switch made on another server holds here after that.
 */
@Component
public class StoredPluginSwitches implements PluginSwitches {

    private final PluginSwitchStore store;
    private final LoadingCache<String, Set<String>> cache;

    public StoredPluginSwitches(
            PluginSwitchStore store, @Value("${openchance.plugins.switch-refresh:2s}") Duration refresh) {
        this.store = store;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(refresh)
                .maximumSize(1)
                .build(key -> Set.copyOf(store.switchedOff()));
    }

    @Override
    public Set<String> switchedOff() {
        return cache.get("all");
    }

    @Override
    public boolean switchOff(String pluginId) {
        boolean changed = store.switchOff(pluginId);
        cache.invalidateAll(); // this server sees its own switch at once
        return changed;
    }

    @Override
    public boolean switchOn(String pluginId) {
        boolean changed = store.switchOn(pluginId);
        cache.invalidateAll();
        return changed;
    }
}

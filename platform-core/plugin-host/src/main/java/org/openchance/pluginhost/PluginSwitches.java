package org.openchance.pluginhost;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which plugins an administrator switched off (until switched on again). The server keeps them in PostgreSQL, so that
 * a switch holds across restarts and for every server on the database; reads are frequent (every guarded call), so
 * an implementation may answer from a copy a few seconds old.
 */
public interface PluginSwitches {

    Set<String> switchedOff();

    /** @return whether it was on */
    boolean switchOff(String pluginId);

    /** @return whether it was off */
    boolean switchOn(String pluginId);

    /** Switches of this process only: for a framework without a database (tests of the host alone). */
    static PluginSwitches inMemory() {
        Set<String> off = ConcurrentHashMap.newKeySet();
        return new PluginSwitches() {
            @Override
            public Set<String> switchedOff() {
                return Set.copyOf(off);
            }

            @Override
            public boolean switchOff(String pluginId) {
                return off.add(pluginId);
            }

            @Override
            public boolean switchOn(String pluginId) {
                return off.remove(pluginId);
            }
        };
    }
}

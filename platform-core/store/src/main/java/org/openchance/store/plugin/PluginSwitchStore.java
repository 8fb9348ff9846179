package org.openchance.store.plugin;

import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The plugins an administrator switched off, in {@code plugin_switch}. */
public final class PluginSwitchStore {

    private final JdbcTemplate jdbc;

    public PluginSwitchStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Set<String> switchedOff() {
        return new HashSet<>(jdbc.queryForList("select plugin_id from plugin_switch", String.class));
    }

    /** @return whether it was on */
    public boolean switchOff(String pluginId) {
        return jdbc.update("insert into plugin_switch (plugin_id) values (?) on conflict do nothing", pluginId) == 1;
    }

    /** @return whether it was off */
    public boolean switchOn(String pluginId) {
        return jdbc.update("delete from plugin_switch where plugin_id = ?", pluginId) == 1;
    }
}

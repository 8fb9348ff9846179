package org.openchance.store.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each plugin's settings (key → value), in {@code plugin_setting}. */
public final class PluginSettingStore {

    private final JdbcTemplate jdbc;

    public PluginSettingStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The plugin's settings, by key. */
    public Map<String, String> of(String pluginId) {
        Map<String, String> settings = new LinkedHashMap<>();
        jdbc.query(
                "select key, value from plugin_setting where plugin_id = ? order by key",
                rs -> {
                    settings.put(rs.getString("key"), rs.getString("value"));
                },
                pluginId);
        return settings;
    }

    /** Replaces all of the plugin's settings (call it in a transaction, so readers see the old or the new set). */
    public void replace(String pluginId, Map<String, String> settings) {
        jdbc.update("delete from plugin_setting where plugin_id = ?", pluginId);
        settings.forEach((key, value) -> jdbc.update(
                "insert into plugin_setting (plugin_id, key, value) values (?, ?, ?)"
                        + " on conflict (plugin_id, key) do update set value = excluded.value, updated_at = now()",
                pluginId,
                key,
                value));
    }
}

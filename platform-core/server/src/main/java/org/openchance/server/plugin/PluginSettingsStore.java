package org.openchance.server.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Plugin settings in {@code plugin_setting}: validated, replaced as a whole in one transaction. */
@Component
class PluginSettingsStore {

    private final JdbcTemplate jdbc;

    PluginSettingsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> of(String pluginId) {
        Map<String, String> settings = new LinkedHashMap<>();
        jdbc.query("select key, value from plugin_setting where plugin_id = ? order by key",
                rs -> { settings.put(rs.getString("key"), rs.getString("value")); }, pluginId);
        return settings;
    }

    @Transactional
    public void replace(String pluginId, List<PluginController.PluginSetting> settings) throws UserErrorException {
        Validation v = new Validation();
        for (int i = 0; i < settings.size(); i++) {
            PluginController.PluginSetting s = settings.get(i);
            v.check(s.key() != null && s.key().matches("[A-Za-z0-9._-]{1,100}"), "input.settings[" + i + "].key",
                    "must be 1 to 100 letters, digits, '.', '_' or '-'");
            v.check(s.value() == null || s.value().length() <= 10_000, "input.settings[" + i + "].value",
                    "must be at most 10,000 characters");
        }
        v.orThrow();
        jdbc.update("delete from plugin_setting where plugin_id = ?", pluginId);
        for (PluginController.PluginSetting s : settings) {
            if (s.value() != null) {
                jdbc.update("insert into plugin_setting (plugin_id, key, value) values (?, ?, ?)"
                        + " on conflict (plugin_id, key) do update set value = excluded.value, updated_at = now()",
                        pluginId, s.key(), s.value());
            }
        }
    }
}

package org.openchance.server.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.store.plugin.PluginSettingStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Plugin settings: validated, replaced as a whole in one transaction. */
@Component
class PluginSettingsService {

    private final PluginSettingStore store;

    PluginSettingsService(PluginSettingStore store) {
        this.store = store;
    }

    Map<String, String> of(String pluginId) {
        return store.of(pluginId);
    }

    @Transactional
    public void replace(String pluginId, List<PluginController.PluginSetting> settings) throws UserErrorException {
        Validation v = new Validation();
        for (int i = 0; i < settings.size(); i++) {
            PluginController.PluginSetting s = settings.get(i);
            v.check(
                    s.key() != null && s.key().matches("[A-Za-z0-9._-]{1,100}"),
                    "input.settings[" + i + "].key",
                    "must be 1 to 100 letters, digits, '.', '_' or '-'");
            v.check(
                    s.value() == null || s.value().length() <= 10_000,
                    "input.settings[" + i + "].value",
                    "must be at most 10,000 characters");
        }
        v.orThrow();
        Map<String, String> values = new LinkedHashMap<>();
        for (PluginController.PluginSetting s : settings) {
            if (s.value() != null) {
                values.put(s.key(), s.value()); // a later value of the same key wins, as the upsert did
            }
        }
        store.replace(pluginId, values);
    }
}

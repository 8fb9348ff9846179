package org.openchance.server.plugin;

import java.util.List;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class PluginController {

    record PluginIdInput(String id) {}

    record PluginPayload(PluginRegistry.PluginInfo plugin, List<UserError> errors) {}

    record PluginSettingInput(String key, String value) {}

    record ConfigurePluginInput(String id, List<PluginSettingInput> settings) {}

    record PluginSetting(String key, String value) {}

    private final PluginRegistry registry;
    private final PluginSettingsService settings;

    PluginController(PluginRegistry registry, PluginSettingsService settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** Switches a plugin off without removing it: its strategies, listeners' calls and resolvers are not used. */
    @MutationMapping
    PluginPayload disablePlugin(@Argument PluginIdInput input) {
        return Mutations.run(
                () -> {
                    PluginRegistry.PluginInfo plugin = find(input.id());
                    if (!registry.disable(plugin.id())) {
                        throw new UserErrorException(
                                new UserError(UserError.INVALID_TRANSITION, "the plugin is already off", "input.id"));
                    }
                    return find(plugin.id());
                },
                PluginPayload::new);
    }

    /** Replaces the plugin's settings (a null value removes a key); the plugin reads them on its next call. */
    @MutationMapping
    PluginPayload configurePlugin(@Argument ConfigurePluginInput input) {
        return Mutations.run(
                () -> {
                    PluginRegistry.PluginInfo plugin = find(input.id());
                    settings.replace(
                            plugin.id(),
                            input.settings() == null
                                    ? List.of()
                                    : input.settings().stream()
                                            .map(s -> new PluginSetting(s.key(), s.value()))
                                            .toList());
                    return plugin;
                },
                PluginPayload::new);
    }

    @SchemaMapping(typeName = "Plugin", field = "settings")
    List<PluginSetting> pluginSettings(PluginRegistry.PluginInfo plugin) {
        return settings.of(plugin.id()).entrySet().stream()
                .map(e -> new PluginSetting(e.getKey(), e.getValue()))
                .toList();
    }

    private PluginRegistry.PluginInfo find(String id) {
        return registry.plugins().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.id", "Plugin")));
    }

    @QueryMapping
    List<PluginRegistry.PluginInfo> plugins() {
        return registry.plugins();
    }

    /** Turns a plugin switched off (by the breaker or by hand) on again. */
    @MutationMapping
    PluginPayload enablePlugin(@Argument PluginIdInput input) {
        return Mutations.run(
                () -> {
                    PluginRegistry.PluginInfo plugin = find(input.id());
                    if (!registry.enable(plugin.id())) {
                        throw new UserErrorException(new UserError(
                                UserError.INVALID_TRANSITION, "the plugin is not switched off", "input.id"));
                    }
                    return registry.plugins().stream()
                            .filter(p -> p.id().equals(input.id()))
                            .findFirst()
                            .orElseThrow();
                },
                PluginPayload::new);
    }
}

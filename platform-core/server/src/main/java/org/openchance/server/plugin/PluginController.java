package org.openchance.server.plugin;

import java.util.List;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class PluginController {

    record EnablePluginInput(String id) {
    }

    record PluginPayload(PluginRegistry.PluginInfo plugin, List<UserError> errors) {
    }

    private final PluginRegistry registry;

    PluginController(PluginRegistry registry) {
        this.registry = registry;
    }

    @QueryMapping
    List<PluginRegistry.PluginInfo> plugins() {
        return registry.plugins();
    }

    /** Turns a plugin the circuit breaker switched off on again. */
    @MutationMapping
    PluginPayload enablePlugin(@Argument EnablePluginInput input) {
        return Mutations.run(() -> {
            PluginRegistry.PluginInfo plugin = registry.plugins().stream().filter(p -> p.id().equals(input.id())).findFirst()
                    .orElseThrow(() -> new UserErrorException(UserError.notFound("input.id", "Plugin")));
            if (!registry.enable(plugin.id())) {
                throw new UserErrorException(new UserError(UserError.INVALID_TRANSITION, "the plugin is not switched off",
                        "input.id"));
            }
            return registry.plugins().stream().filter(p -> p.id().equals(input.id())).findFirst().orElseThrow();
        }, PluginPayload::new);
    }
}

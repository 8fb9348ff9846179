package org.openchance.server.plugin;

import java.util.List;
import org.openchance.api.event.DomainEventListener;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.event.EventDispatcher;
import org.openchance.server.event.EventListener;
import org.openchance.server.event.ListenerUnavailableException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Plugins' {@code DomainEventListener}s get the domain events like the product's own listeners (after commit, in
 * order per record, retried, dead letters), each call within the plugin time budget. A plugin that goes away stops
 * receiving; its undelivered events wait for it under its name.
 */
@Component
class PluginEventListeners implements SmartInitializingSingleton {

    private final PluginRegistry registry;
    private final EventDispatcher dispatcher;

    PluginEventListeners(PluginRegistry registry, EventDispatcher dispatcher) {
        this.registry = registry;
        this.dispatcher = dispatcher;
    }

    @Override
    public void afterSingletonsInstantiated() {
        registry.trackEventListeners(new PluginRegistry.EventListenerSink() {
            @Override
            public void added(String name, String pluginId, List<String> types, DomainEventListener guarded) {
                List<String> wanted = types;
                List<String> invalid = types.stream()
                        .filter(type -> !EventListener.isTypePattern(type))
                        .toList();
                if (!invalid.isEmpty()) {
                    // the listener still filters for itself: it gets every event rather than none
                    registry.reportError(
                            pluginId,
                            "event listener " + name + ": " + DomainEventListener.TYPES + " " + invalid
                                    + " are not event types (such as opportunity.closed_won or opportunity.*):"
                                    + " it gets every event");
                    wanted = List.of();
                }
                dispatcher.register(EventListener.of(name, wanted, event -> {
                    if (registry.isSwitchedOff(pluginId)) {
                        // its events wait for it (no tries counted), instead of becoming dead letters meanwhile
                        throw new ListenerUnavailableException("plugin " + pluginId + " is switched off", null);
                    }
                    guarded.onEvent(event);
                }));
            }

            @Override
            public void removed(String name) {
                dispatcher.unregister(name);
            }
        });
    }
}

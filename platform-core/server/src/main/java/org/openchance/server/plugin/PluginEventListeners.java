package org.openchance.server.plugin;

import org.openchance.api.event.DomainEventListener;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.server.event.EventDispatcher;
import org.openchance.server.event.EventListener;
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
            public void added(String name, DomainEventListener guarded) {
                dispatcher.register(EventListener.of(name, guarded));
            }

            @Override
            public void removed(String name) {
                dispatcher.unregister(name);
            }
        });
    }
}

package org.openchance.pluginhost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of one extension point, by id. A service without its id property, or with an id another service of the
 * point already holds, is refused: it is not used, and its plugin shows why (in the {@code plugins} query). When the
 * holder of an id goes away, the next service waiting for that id takes it.
 */
public final class TrackedExtensions<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedExtensions.class);

    /** Told when an extension comes into use or goes out of it (on the framework's thread). */
    public interface Listener<T> {
        void added(Extension<T> extension);

        void removed(Extension<T> extension);
    }

    private final ExtensionPoint<T> point;
    private final BiConsumer<String, String> refused;
    private final List<Listener<T>> listeners = new CopyOnWriteArrayList<>();
    private final ServiceTracker<T, T> tracker;
    /** Guarded by this: the extension in use under each id, and the services waiting for a taken id, oldest first. */
    private final Map<String, Held<T>> byId = new LinkedHashMap<>();

    private final List<Held<T>> waiting = new ArrayList<>();

    private record Held<T>(ServiceReference<T> reference, Extension<T> extension) {}

    /**
     * @param refused told (plugin id, reason) when a service of a plugin is refused
     */
    public TrackedExtensions(BundleContext context, ExtensionPoint<T> point, BiConsumer<String, String> refused) {
        this.point = point;
        this.refused = refused;
        this.tracker = new ServiceTracker<>(context, point.type(), null) {
            @Override
            public T addingService(ServiceReference<T> reference) {
                T service = super.addingService(reference);
                if (service != null) {
                    offer(reference, service);
                }
                return service;
            }

            @Override
            public void removedService(ServiceReference<T> reference, T service) {
                withdraw(reference);
                super.removedService(reference, service);
            }
        };
    }

    /** Starts tracking: services already registered are offered now. */
    public TrackedExtensions<T> open() {
        tracker.open();
        return this;
    }

    /**
     * Tells the listener of every extension that comes or goes from now on; with {@code replay}, first of each one in
     * use already (it may hear of one that comes meanwhile twice, never of none).
     */
    public void addListener(Listener<T> listener, boolean replay) {
        listeners.add(listener);
        if (replay) {
            for (Extension<T> extension : all()) {
                listener.added(extension);
            }
        }
    }

    public ExtensionPoint<T> point() {
        return point;
    }

    /** The extensions in use, by id. */
    public synchronized List<Extension<T>> all() {
        List<Extension<T>> all = new ArrayList<>();
        byId.values().forEach(held -> all.add(held.extension()));
        all.sort(Comparator.comparing(Extension::id));
        return all;
    }

    public synchronized Optional<Extension<T>> get(String id) {
        Held<T> held = byId.get(id);
        return held == null ? Optional.empty() : Optional.of(held.extension());
    }

    private void offer(ServiceReference<T> reference, T service) {
        String pluginId = reference.getBundle().getSymbolicName();
        Object id = reference.getProperty(point.idProperty());
        if (!(id instanceof String text) || text.isBlank()) {
            report(
                    pluginId,
                    "registers a " + point.label() + " without the service property " + point.idProperty()
                            + " (its id): not used");
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        Extension<T> extension = new Extension<>(point, text, pluginId, service, properties);
        Held<T> added = null;
        synchronized (this) {
            Held<T> holder = byId.get(text);
            if (holder == null) {
                added = new Held<>(reference, extension);
                byId.put(text, added);
            } else {
                waiting.add(new Held<>(reference, extension));
            }
        }
        if (added == null) {
            report(
                    pluginId,
                    point.label() + " '" + text + "' is refused: plugin "
                            + get(text).map(Extension::pluginId).orElse("?") + " registered that id first");
        } else {
            tell(listener -> listener.added(extension));
        }
    }

    private void withdraw(ServiceReference<T> reference) {
        Held<T> removed = null;
        Held<T> successor = null;
        synchronized (this) {
            waiting.removeIf(held -> held.reference().equals(reference));
            for (Map.Entry<String, Held<T>> entry : byId.entrySet()) {
                if (entry.getValue().reference().equals(reference)) {
                    removed = entry.getValue();
                    break;
                }
            }
            if (removed != null) {
                String id = removed.extension().id();
                byId.remove(id);
                successor = waiting.stream()
                        .filter(held -> held.extension().id().equals(id))
                        .findFirst()
                        .orElse(null);
                if (successor != null) {
                    waiting.remove(successor);
                    byId.put(id, successor);
                }
            }
        }
        if (removed != null) {
            Extension<T> gone = removed.extension();
            tell(listener -> listener.removed(gone));
        }
        if (successor != null) {
            Extension<T> next = successor.extension();
            LOG.info(
                    "{} '{}' of plugin {} is used now: the plugin that held the id is gone",
                    point.label(),
                    next.id(),
                    next.pluginId());
            tell(listener -> listener.added(next));
        }
    }

    private void report(String pluginId, String reason) {
        LOG.error("Plugin {}: {}", pluginId, reason);
        refused.accept(pluginId, reason);
    }

    private void tell(java.util.function.Consumer<Listener<T>> call) {
        for (Listener<T> listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("Applying a change of {} failed", point.label(), e);
            }
        }
    }

    @Override
    public void close() {
        tracker.close();
    }
}

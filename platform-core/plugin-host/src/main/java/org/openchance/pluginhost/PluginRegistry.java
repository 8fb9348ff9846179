package org.openchance.pluginhost;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openchance.api.event.DomainEventListener;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.api.scoring.ScoringStrategy;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' services as the host uses them, and the guard around every call into a plugin: a time budget,
 * failures recorded per plugin, and a circuit breaker that switches a plugin off after too many failures in a row
 * (until it is updated or enabled again).
 */
public final class PluginRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    /** The extension points, by the interface a plugin registers. */
    private static final Map<String, String> EXTENSION_POINTS = Map.of(
            ScoringStrategy.class.getName(), "ScoringStrategy",
            DomainEventListener.class.getName(), "DomainEventListener",
            SchemaContribution.class.getName(), "SchemaContribution",
            org.openchance.api.forecast.ForecastModel.class.getName(), "ForecastModel",
            org.openchance.api.document.QuoteRenderer.class.getName(), "QuoteRenderer");

    /** What the {@code plugins} query shows of a bundle. */
    public record PluginInfo(String id, String name, String version, String state, List<String> extensionPoints,
                             String lastError) {
    }

    /** A scoring strategy with the plugin it belongs to. */
    public record Strategy(String pluginId, ScoringStrategy strategy) {
    }

    /** A plugin's part of the GraphQL schema. */
    public record Contribution(String pluginId, SchemaContribution contribution) {
    }

    private final BundleContext context;
    private final Duration budget;
    private final int failureLimit;
    private final ServiceTracker<ScoringStrategy, ScoringStrategy> scoring;
    private final ServiceTracker<SchemaContribution, SchemaContribution> schema;
    private final List<Runnable> schemaListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<ServiceReference<SchemaContribution>, Contribution> contributions = new ConcurrentHashMap<>();
    private ServiceTracker<DomainEventListener, DomainEventListener> listeners;
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "openchance-plugin-call");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresInARow = new ConcurrentHashMap<>();
    private final Map<String, Long> disabledAtModification = new ConcurrentHashMap<>();

    public PluginRegistry(PluginFramework framework, Duration budget, int failureLimit) {
        this.context = framework.framework().getBundleContext();
        this.budget = budget;
        this.failureLimit = failureLimit;
        this.scoring = new ServiceTracker<>(context, ScoringStrategy.class, null);
        this.scoring.open();
        // Our own map: the tracker adds a service only after addingService returns, but the schema must see it then.
        this.schema = new ServiceTracker<>(context, SchemaContribution.class, null) {
            @Override
            public SchemaContribution addingService(ServiceReference<SchemaContribution> reference) {
                SchemaContribution service = super.addingService(reference);
                if (service != null) {
                    contributions.put(reference, new Contribution(reference.getBundle().getSymbolicName(), service));
                    schemaChanged();
                }
                return service;
            }

            @Override
            public void removedService(ServiceReference<SchemaContribution> reference, SchemaContribution service) {
                contributions.remove(reference);
                super.removedService(reference, service);
                schemaChanged();
            }
        };
        this.schema.open();
    }

    /** The scoring strategies of enabled plugins, by id. */
    public List<Strategy> scoringStrategies() {
        List<Strategy> strategies = new ArrayList<>();
        ServiceReference<ScoringStrategy>[] references = scoring.getServiceReferences();
        if (references == null) {
            return strategies;
        }
        for (ServiceReference<ScoringStrategy> reference : references) {
            ScoringStrategy strategy = scoring.getService(reference);
            String plugin = reference.getBundle().getSymbolicName();
            if (strategy != null && !disabled(reference.getBundle())) {
                strategies.add(new Strategy(plugin, strategy));
            }
        }
        strategies.sort(Comparator.comparing(s -> s.strategy().id()));
        return strategies;
    }

    /** The schema contributions of the running plugins, by plugin id. */
    public List<Contribution> schemaContributions() {
        List<Contribution> list = new ArrayList<>(contributions.values());
        list.sort(Comparator.comparing(Contribution::pluginId));
        return list;
    }

    /** Called (on the framework's thread) whenever a schema contribution comes or goes. */
    public void onSchemaChange(Runnable listener) {
        schemaListeners.add(listener);
    }

    private void schemaChanged() {
        for (Runnable listener : schemaListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("Applying a schema change failed", e);
            }
        }
    }

    /**
     * Hands the plugins' event listeners to the host as they come and go, each wrapped in this registry's guard and
     * named {@code plugin:<plugin id>:<listener name>}.
     */
    public void trackEventListeners(java.util.function.Consumer<DomainEventListener> added,
                                    java.util.function.Consumer<String> removed) {
        listeners = new ServiceTracker<>(context, DomainEventListener.class, null) {
            @Override
            public DomainEventListener addingService(ServiceReference<DomainEventListener> reference) {
                DomainEventListener plugin = super.addingService(reference);
                if (plugin == null) {
                    return null;
                }
                String pluginId = reference.getBundle().getSymbolicName();
                String name = "plugin:" + pluginId + ":" + plugin.name();
                added.accept(new DomainEventListener() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public void onEvent(org.openchance.api.event.DomainEvent event) {
                        call(pluginId, () -> {
                            plugin.onEvent(event);
                            return null;
                        });
                    }
                });
                return plugin;
            }

            @Override
            public void removedService(ServiceReference<DomainEventListener> reference, DomainEventListener plugin) {
                removed.accept("plugin:" + reference.getBundle().getSymbolicName() + ":" + plugin.name());
                super.removedService(reference, plugin);
            }
        };
        listeners.open();
    }

    /** Records a plugin's problem for the {@code plugins} query, e.g. a refused schema contribution. */
    public void reportError(String pluginId, String message) {
        lastErrors.put(pluginId, message);
    }

    /**
     * Calls into a plugin within the time budget. A failure or timeout is recorded for the plugin and thrown as a
     * {@link PluginCallException}; enough of them in a row switch the plugin off.
     */
    public <T> T call(String pluginId, Callable<T> call) {
        Bundle bundle = bundle(pluginId);
        if (bundle != null && disabled(bundle)) {
            throw new PluginCallException(pluginId, "is switched off", null);
        }
        Future<T> future = calls.submit(call);
        try {
            T result = future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            failuresInARow.computeIfAbsent(pluginId, id -> new AtomicInteger()).set(0);
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed(pluginId, "did not answer within " + budget.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            throw failed(pluginId, String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(pluginId, "interrupted", e);
        }
    }

    private PluginCallException failed(String pluginId, String message, Throwable cause) {
        lastErrors.put(pluginId, message);
        int failures = failuresInARow.computeIfAbsent(pluginId, id -> new AtomicInteger()).incrementAndGet();
        if (failures >= failureLimit) {
            Bundle bundle = bundle(pluginId);
            if (bundle != null && disabledAtModification.putIfAbsent(pluginId, bundle.getLastModified()) == null) {
                LOG.error("Plugin {} switched off after {} failures in a row; last: {}", pluginId, failures, message);
            }
        } else {
            LOG.warn("Plugin {} failed: {}", pluginId, message);
        }
        return new PluginCallException(pluginId, message, cause);
    }

    /** Switched off by the breaker, unless the bundle was updated since. */
    private boolean disabled(Bundle bundle) {
        Long at = disabledAtModification.get(bundle.getSymbolicName());
        if (at != null && bundle.getLastModified() != at) {
            disabledAtModification.remove(bundle.getSymbolicName());
            failuresInARow.remove(bundle.getSymbolicName());
            return false;
        }
        return at != null;
    }

    /** Switches a plugin off by hand, as the breaker would: its services are no longer used until it is enabled. */
    public boolean disable(String pluginId) {
        Bundle bundle = bundle(pluginId);
        return bundle != null && disabledAtModification.putIfAbsent(pluginId, bundle.getLastModified()) == null;
    }

    /** Turns a plugin switched off (by the breaker or by hand) on again. */
    public boolean enable(String pluginId) {
        failuresInARow.remove(pluginId);
        return disabledAtModification.remove(pluginId) != null;
    }

    /** Every plugin bundle (not the framework and its runtime bundles), with its state and last error. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> plugins = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0 || RuntimeBundles.SYMBOLIC_NAMES.contains(bundle.getSymbolicName())) {
                continue;
            }
            String id = bundle.getSymbolicName() == null ? bundle.getLocation() : bundle.getSymbolicName();
            String error = lastErrors.get(id);
            if (bundle.getState() == Bundle.INSTALLED) {
                // Not resolved: starting it tells why, in words (missing imports and the like).
                try {
                    bundle.start();
                } catch (BundleException e) {
                    error = e.getMessage();
                    lastErrors.put(id, error);
                }
            }
            List<String> points = new ArrayList<>();
            ServiceReference<?>[] services = bundle.getRegisteredServices();
            for (ServiceReference<?> service : services == null ? new ServiceReference<?>[0] : services) {
                for (String type : (String[]) service.getProperty("objectClass")) {
                    String point = EXTENSION_POINTS.get(type);
                    if (point != null && !points.contains(point)) {
                        points.add(point);
                    }
                }
            }
            String name = bundle.getHeaders().get("Bundle-Name");
            plugins.add(new PluginInfo(id, name == null ? id : name, bundle.getVersion().toString(),
                    disabled(bundle) ? "DISABLED" : state(bundle), points, error));
        }
        plugins.sort(Comparator.comparing(PluginInfo::id));
        return plugins;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.INSTALLED -> "FAILED"; // could not be resolved: see lastError
            default -> "UNINSTALLED";
        };
    }

    @Override
    public void close() {
        if (listeners != null) {
            listeners.close();
        }
        schema.close();
        scoring.close();
        calls.shutdownNow();
    }
}

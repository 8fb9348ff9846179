package org.openchance.pluginhost;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' extensions as the host uses them, every extension point tracked the same way ({@link TrackedExtensions}),
 * and the guard around every call into a plugin: a time budget, failures recorded per plugin, and a circuit breaker
 * that switches a plugin off after too many failures in a row (until it is updated or enabled again). Plugins an
 * administrator switched off stay off in {@link PluginSwitches}.
 */
public final class PluginRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    /** What the {@code plugins} query shows of a bundle. */
    public record PluginInfo(
            String id, String name, String version, String state, List<String> extensionPoints, String lastError) {}

    private final BundleContext context;
    private final Duration budget;
    private final int failureLimit;
    private final PluginSwitches switches;
    private final Map<ExtensionPoint<?>, TrackedExtensions<?>> tracked = new LinkedHashMap<>();
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "openchance-plugin-call");
        thread.setDaemon(true);
        return thread;
    });
    /** What a call takes along from the calling thread; none unless the host says so. */
    private volatile CallContext callContext = CallContext.NONE;

    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresInARow = new ConcurrentHashMap<>();
    /** Plugins the breaker switched off: an update switches one on again, and so does the end of the cool-down. */
    private final Map<String, Broken> broken = new ConcurrentHashMap<>();

    private final Duration cooldown;

    /** How long the breaker keeps a failing plugin off before it lets calls through on trial, unless configured. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(5);

    /** When the breaker switched a plugin off, and the bundle's last modification then. */
    private record Broken(long lastModified, long sinceNanos) {}

    /**
     * @param cooldown how long the breaker keeps a plugin off; then calls go through again on trial ("half-open"):
     *     the first failure switches it off for another cool-down, a success closes the breaker
     */
    public PluginRegistry(
            PluginFramework framework, Duration budget, int failureLimit, Duration cooldown, PluginSwitches switches) {
        this.context = framework.framework().getBundleContext();
        this.budget = budget;
        this.failureLimit = failureLimit;
        this.cooldown = cooldown;
        this.switches = switches;
        for (ExtensionPoint<?> point : ExtensionPoint.ALL) {
            tracked.put(point, new TrackedExtensions<>(context, point, this::reportError).open());
        }
    }

    public PluginRegistry(PluginFramework framework, Duration budget, int failureLimit, PluginSwitches switches) {
        this(framework, budget, failureLimit, DEFAULT_COOLDOWN, switches);
    }

    public PluginRegistry(PluginFramework framework, Duration budget, int failureLimit) {
        this(framework, budget, failureLimit, PluginSwitches.inMemory());
    }

    /** The tracked services of an extension point, switched off or not. */
    @SuppressWarnings("unchecked")
    public <T> TrackedExtensions<T> tracked(ExtensionPoint<T> point) {
        return (TrackedExtensions<T>) tracked.get(point);
    }

    /** The extensions of enabled plugins, by id. */
    public <T> List<Extension<T>> extensions(ExtensionPoint<T> point) {
        return tracked(point).all().stream()
                .filter(e -> !switchedOff(e.pluginId()))
                .toList();
    }

    /** The scoring strategies of enabled plugins, by id. */
    public List<Extension<ScoringStrategy>> scoringStrategies() {
        return extensions(ExtensionPoint.SCORING);
    }

    /** The schema contributions of the running plugins (switched off or not: the schema does not flicker), by plugin. */
    public List<Extension<SchemaContribution>> schemaContributions() {
        List<Extension<SchemaContribution>> list =
                new ArrayList<>(tracked(ExtensionPoint.SCHEMA).all());
        list.sort(Comparator.comparing(Extension<SchemaContribution>::pluginId).thenComparing(Extension::id));
        return list;
    }

    /** Called (on the framework's thread) whenever a schema contribution comes or goes. */
    public void onSchemaChange(Runnable listener) {
        tracked(ExtensionPoint.SCHEMA)
                .addListener(
                        new TrackedExtensions.Listener<>() {
                            @Override
                            public void added(Extension<SchemaContribution> extension) {
                                listener.run();
                            }

                            @Override
                            public void removed(Extension<SchemaContribution> extension) {
                                listener.run();
                            }
                        },
                        false); // the listener builds from schemaContributions() first
    }

    /** The host's name of a plugin's event listener: its delivery state is kept under it. */
    public static String listenerName(Extension<DomainEventListener> listener) {
        return "plugin:" + listener.pluginId() + ":" + listener.id();
    }

    /**
     * Hands the plugins' event listeners to the host as they come and go, each as a name ({@link #listenerName}) and
     * a call guarded by this registry.
     */
    public void trackEventListeners(EventListenerSink sink) {
        tracked(ExtensionPoint.EVENT_LISTENER)
                .addListener(
                        new TrackedExtensions.Listener<>() {
                            @Override
                            public void added(Extension<DomainEventListener> extension) {
                                sink.added(
                                        listenerName(extension),
                                        extension.pluginId(),
                                        extension.strings(DomainEventListener.TYPES),
                                        event -> call(extension.pluginId(), () -> {
                                            extension.service().onEvent(event);
                                            return null;
                                        }));
                            }

                            @Override
                            public void removed(Extension<DomainEventListener> extension) {
                                sink.removed(listenerName(extension));
                            }
                        },
                        true);
    }

    /** Where {@link #trackEventListeners} hands the plugins' listeners: the host's event dispatcher. */
    public interface EventListenerSink {
        /** @param types the event types the listener wants (its {@link DomainEventListener#TYPES}); empty: all */
        void added(String name, String pluginId, List<String> types, DomainEventListener guarded);

        void removed(String name);
    }

    /** Records a plugin's problem for the {@code plugins} query, e.g. a refused schema contribution. */
    public void reportError(String pluginId, String message) {
        lastErrors.put(pluginId, message);
    }

    /** Sets what every call into a plugin takes along from the calling thread (the request's bounds, say). */
    public void carry(CallContext context) {
        this.callContext = context;
    }

    /** What a call into a plugin takes along from the thread that makes it to the plugin host's thread that runs it. */
    public interface CallContext {
        CallContext NONE = new CallContext() {
            @Override
            public <T> Callable<T> carry(Callable<T> call) {
                return call;
            }
        };

        <T> Callable<T> carry(Callable<T> call);
    }

    /**
     * Calls into a plugin within the time budget. A failure or timeout is recorded for the plugin and thrown as a
     * {@link PluginCallException}; enough of them in a row switch the plugin off.
     */
    public <T> T call(String pluginId, Callable<T> call) {
        return call(pluginId, budget, call);
    }

    /** As {@link #call(String, Callable)}, with a budget of its own: for calls that do more, such as a forecast. */
    public <T> T call(String pluginId, Duration budget, Callable<T> call) {
        if (switchedOff(pluginId)) {
            throw new PluginCallException(pluginId, "is switched off", null);
        }
        Future<T> future = calls.submit(callContext.carry(call));
        try {
            T result = future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            failuresInARow.computeIfAbsent(pluginId, id -> new AtomicInteger()).set(0);
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed(pluginId, "did not answer within " + budget.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            throw failed(pluginId, describe(pluginId, e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(pluginId, "interrupted", e);
        }
    }

    /**
     * What a caller (and the {@code plugins} query) is told of a plugin's exception: the exception itself, unless it
     * came from the database, whose messages show SQL and values; that one is logged with an id to quote instead.
     */
    private static String describe(String pluginId, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                String errorId = java.util.UUID.randomUUID().toString();
                LOG.warn("Plugin {} failed with a database error {}", pluginId, errorId, cause);
                return "failed with a database error; quote id " + errorId + " when reporting it";
            }
        }
        return String.valueOf(cause);
    }

    private PluginCallException failed(String pluginId, String message, Throwable cause) {
        lastErrors.put(pluginId, message);
        int failures = failuresInARow
                .computeIfAbsent(pluginId, id -> new AtomicInteger())
                .incrementAndGet();
        if (failures >= failureLimit) {
            Bundle bundle = bundle(pluginId);
            if (bundle != null
                    && broken.putIfAbsent(pluginId, new Broken(bundle.getLastModified(), System.nanoTime())) == null) {
                LOG.error(
                        "Plugin {} switched off for {} after {} failures in a row; last: {}",
                        pluginId,
                        cooldown,
                        failures,
                        message);
            }
        } else {
            LOG.warn("Plugin {} failed: {}", pluginId, message);
        }
        return new PluginCallException(pluginId, message, cause);
    }

    /** Whether the plugin is switched off now: by hand, or by the breaker (its cool-down not over, no update since). */
    public boolean isSwitchedOff(String pluginId) {
        return switchedOff(pluginId);
    }

    /** Switched off by hand, or by the breaker unless the bundle was updated since. */
    private boolean switchedOff(String pluginId) {
        return broken(pluginId) || switches.switchedOff().contains(pluginId);
    }

    private boolean broken(String pluginId) {
        Broken off = broken.get(pluginId);
        if (off == null) {
            return false;
        }
        Bundle bundle = bundle(pluginId);
        if (bundle != null && bundle.getLastModified() != off.lastModified()) {
            broken.remove(pluginId);
            failuresInARow.remove(pluginId);
            return false;
        }
        if (System.nanoTime() - off.sinceNanos() >= cooldown.toNanos() && broken.remove(pluginId, off)) {
            // half-open: calls go through again; one more failure is the limit again, a success starts from zero
            failuresInARow.computeIfAbsent(pluginId, id -> new AtomicInteger()).set(failureLimit - 1);
            LOG.info("Plugin {} on trial again after {} switched off", pluginId, cooldown);
            return false;
        }
        return broken.containsKey(pluginId); // another thread may have put it on trial meanwhile
    }

    /** Switches a plugin off by hand: its services are not used until it is enabled. Returns whether it was on. */
    public boolean disable(String pluginId) {
        boolean wasOn = !switchedOff(pluginId);
        switches.switchOff(pluginId);
        return wasOn;
    }

    /** Turns a plugin switched off (by the breaker or by hand) on again. Returns whether it was off. */
    public boolean enable(String pluginId) {
        failuresInARow.remove(pluginId);
        boolean wasBroken = broken.remove(pluginId) != null;
        return switches.switchOn(pluginId) | wasBroken;
    }

    /** Every plugin bundle (not the framework and its runtime bundles), with its state and last error. Reads only. */
    public List<PluginInfo> plugins() {
        Map<String, List<String>> pointsOf = new LinkedHashMap<>();
        for (TrackedExtensions<?> extensions : tracked.values()) {
            for (Extension<?> extension : extensions.all()) {
                List<String> points = pointsOf.computeIfAbsent(extension.pluginId(), id -> new ArrayList<>());
                if (!points.contains(extension.point().label())) {
                    points.add(extension.point().label());
                }
            }
        }
        List<PluginInfo> plugins = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (!isPlugin(bundle)) {
                continue;
            }
            String id = id(bundle);
            String name = bundle.getHeaders().get("Bundle-Name");
            plugins.add(new PluginInfo(
                    id,
                    name == null ? id : name,
                    bundle.getVersion().toString(),
                    switchedOff(id) ? "DISABLED" : state(bundle),
                    pointsOf.getOrDefault(id, List.of()),
                    bundle.getState() == Bundle.INSTALLED ? unresolved(bundle) : lastErrors.get(id)));
        }
        plugins.sort(Comparator.comparing(PluginInfo::id));
        return plugins;
    }

    /**
     * Why a bundle that stays INSTALLED cannot be resolved: its mandatory package imports that no bundle of the
     * framework exports. Only reads the framework (starting the bundle would tell too, but would race with the folder
     * watcher, which holds the resolver then).
     */
    private String unresolved(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return "could not be resolved";
        }
        List<BundleCapability> exported = new ArrayList<>();
        for (Bundle other : context.getBundles()) {
            BundleRevision offered = other.adapt(BundleRevision.class);
            if (offered != null && other != bundle) {
                exported.addAll(offered.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE));
            }
        }
        List<String> missing = new ArrayList<>();
        for (BundleRequirement required : revision.getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
            boolean optional = PackageNamespace.RESOLUTION_OPTIONAL.equals(
                    required.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
            if (!optional && exported.stream().noneMatch(required::matches)) {
                missing.add(required.getDirectives()
                        .getOrDefault(PackageNamespace.REQUIREMENT_FILTER_DIRECTIVE, required.toString()));
            }
        }
        return missing.isEmpty()
                ? "could not be resolved"
                        + (lastErrors.containsKey(id(bundle)) ? ": " + lastErrors.get(id(bundle)) : "")
                : "Unresolved requirements (Import-Package): " + String.join(", ", missing);
    }

    private static boolean isPlugin(Bundle bundle) {
        return bundle.getBundleId() != 0 && !RuntimeBundles.SYMBOLIC_NAMES.contains(bundle.getSymbolicName());
    }

    private static String id(Bundle bundle) {
        return bundle.getSymbolicName() == null ? bundle.getLocation() : bundle.getSymbolicName();
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
        tracked.values().forEach(TrackedExtensions::close);
        calls.shutdownNow();
    }
}

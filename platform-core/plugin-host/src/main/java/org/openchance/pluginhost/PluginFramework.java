package org.openchance.pluginhost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded OSGi framework (Apache Felix) that plugin bundles run in. */
public final class PluginFramework implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFramework.class);

    private final Framework framework;

    private PluginFramework(Framework framework) {
        this.framework = framework;
    }

    /** Starts the framework with its bundle cache in {@code storageDir}, exporting the api packages to bundles. */
    public static PluginFramework start(Path storageDir) {
        return start(storageDir, null, true);
    }

    /**
     * Starts the framework, exporting the api packages to bundles, with Declarative Services running and, unless in
     * safe mode, the plugin folder watched: bundles dropped in are installed and started, replaced ones updated,
     * removed ones uninstalled, while the server runs. The bundle cache is cleaned on every start, so the folder is
     * the only truth about which plugins exist.
     *
     * @param pluginDir the watched folder (created when missing); ignored in safe mode
     * @param safeMode  start no plugin at all
     */
    public static PluginFramework start(Path storageDir, Path pluginDir, boolean safeMode) {
        long started = System.nanoTime();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storageDir.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, ApiPackages.exportPackageHeader());
        if (pluginDir != null) {
            config.put("felix.fileinstall.dir", pluginDir.toAbsolutePath().toString());
        }
        config.put("felix.fileinstall.poll", "200"); // the default 2 s makes a drop-in take 2-4 s
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.log.level", "2"); // warnings
        // plugins are jars: the launcher's notes (.bundled) and half-copied files (.x.jar.part) are not
        config.put("felix.fileinstall.filter", ".*\\.jar");
        Framework framework = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi framework on the classpath"))
                .newFramework(config);
        try {
            framework.start();
            if (pluginDir != null && !safeMode) {
                Files.createDirectories(pluginDir);
            }
            List<Bundle> runtime = new ArrayList<>();
            for (String location : RuntimeBundles.locations()) {
                runtime.add(framework.getBundleContext().installBundle(location));
            }
            for (Bundle bundle : runtime) {
                boolean fileInstall = "org.apache.felix.fileinstall".equals(bundle.getSymbolicName());
                if (!fileInstall || (pluginDir != null && !safeMode)) {
                    bundle.start();
                }
            }
        } catch (BundleException | IOException e) {
            throw new IllegalStateException("Cannot start the plugin framework: " + e.getMessage(), e);
        }
        LOG.info(
                "Plugin framework started in {} ms{}",
                (System.nanoTime() - started) / 1_000_000,
                safeMode ? " in safe mode: no plugins" : pluginDir == null ? "" : ", watching " + pluginDir);
        return new PluginFramework(framework);
    }

    public Framework framework() {
        return framework;
    }

    public boolean running() {
        return framework.getState() == Framework.ACTIVE;
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException e) {
            LOG.warn("Plugin framework did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

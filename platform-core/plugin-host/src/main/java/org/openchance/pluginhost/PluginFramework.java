package org.openchance.pluginhost;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
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
        long started = System.nanoTime();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storageDir.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, ApiPackages.exportPackageHeader());
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi framework on the classpath"))
                .newFramework(config);
        try {
            framework.start();
        } catch (BundleException e) {
            throw new IllegalStateException("Cannot start the plugin framework: " + e.getMessage(), e);
        }
        LOG.info("Plugin framework started in {} ms", (System.nanoTime() - started) / 1_000_000);
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

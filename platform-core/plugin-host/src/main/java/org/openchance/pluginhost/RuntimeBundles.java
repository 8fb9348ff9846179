package org.openchance.pluginhost;

import java.net.URL;
import java.util.List;

/**
 * The bundles the host runs inside the framework before any plugin: Declarative Services (Felix SCR with the OSGi
 * promise/function and component API bundles it needs) and Felix FileInstall for the watched plugin folder. They come
 * from the host's own classpath (Maven dependencies), found by a class file each jar carries.
 */
final class RuntimeBundles {

    /** In install order; FileInstall last, so plugins it finds meet a running SCR. */
    static final List<String> MARKERS = List.of(
            "org/osgi/util/function/Function.class",
            "org/osgi/util/promise/Promise.class",
            "org/osgi/service/component/ComponentContext.class",
            "org/apache/felix/scr/impl/Activator.class",
            "org/apache/felix/fileinstall/internal/FileInstall.class");

    /** The symbolic names of the runtime bundles: not plugins, so not listed as such. */
    static final List<String> SYMBOLIC_NAMES = List.of(
            "org.osgi.util.function",
            "org.osgi.util.promise",
            "org.osgi.service.component",
            "org.apache.felix.scr",
            "org.apache.felix.fileinstall");

    private RuntimeBundles() {}

    /** The location (jar URL) of each runtime bundle, in install order. */
    static List<String> locations() {
        return MARKERS.stream().map(RuntimeBundles::jarOf).toList();
    }

    private static String jarOf(String marker) {
        URL url = RuntimeBundles.class.getClassLoader().getResource(marker);
        if (url == null || !url.getProtocol().equals("jar")) {
            throw new IllegalStateException("Runtime bundle with " + marker + " not found on the classpath as a jar");
        }
        String path = url.getPath(); // file:/.../x.jar!/org/...
        return path.substring(0, path.indexOf("!/"));
    }
}

package org.openchance.pluginhost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.jar.Manifest;
import org.openchance.api.model.Money;

/**
 * The packages the api bundle exports, with their versions, exactly as bnd wrote them into its manifest. The host
 * exports the same packages from the system bundle, so host and plugins share one copy of every api class.
 */
final class ApiPackages {

    private ApiPackages() {}

    static String exportPackageHeader() {
        String classFile = Money.class.getName().replace('.', '/') + ".class";
        URL classUrl = Money.class.getClassLoader().getResource(classFile);
        if (classUrl == null) {
            throw new IllegalStateException("api classes not found");
        }
        String base = classUrl.toString().substring(0, classUrl.toString().length() - classFile.length());
        try (InputStream in = new URL(base + "META-INF/MANIFEST.MF").openStream()) {
            String exports = new Manifest(in).getMainAttributes().getValue("Export-Package");
            if (exports == null) {
                throw new IllegalStateException("The api's manifest at " + base + " has no Export-Package: "
                        + "build openchance-api with Maven (bnd writes the header)");
            }
            return exports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the api's manifest at " + base, e);
        }
    }
}

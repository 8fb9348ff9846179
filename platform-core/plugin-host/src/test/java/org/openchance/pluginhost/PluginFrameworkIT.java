package org.openchance.pluginhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

class PluginFrameworkIT {

    @Test
    void systemBundleExportsTheApiPackagesWithTheirVersions(@TempDir Path storage) {
        PluginFramework host = PluginFramework.start(storage);
        try {
            assertThat(host.running()).isTrue();
            List<BundleCapability> exports = host.framework()
                    .adapt(BundleRevision.class)
                    .getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE);
            assertThat(exports)
                    .filteredOn(c -> "org.openchance.api.model"
                            .equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                    .singleElement()
                    .satisfies(c -> assertThat(c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE))
                            .hasToString("1.3.0")); // 1.3.0: ContactSnapshot and UserSnapshot joined the model
        } finally {
            host.close();
        }
        assertThat(host.framework().getState()).isEqualTo(Bundle.RESOLVED);
    }
}

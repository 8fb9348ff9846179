package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The plugin bundles built in the same Maven run (test dependencies of this module), and a plugin folder to drop them in. */
final class PluginBundles {

    private PluginBundles() {
    }

    /** The built plugin jar that holds this class file, e.g. {@code org/openchance/plugins/examplescoring/FitScoring.class}. */
    static Path jarOf(String classFile) {
        String url = PluginBundles.class.getClassLoader().getResource(classFile).toString();
        assertThat(url).as("the plugin must be on the test classpath as a built jar").startsWith("jar:file:");
        try {
            return Path.of(new URI(url.substring("jar:".length(), url.indexOf("!/"))));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies under a temporary name and renames, so the watcher never reads a half-written jar. */
    static Path drop(Path folder, Path bundle, String name) throws IOException {
        Path temporary = folder.resolve(name + ".part");
        Files.copy(bundle, temporary, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.openchance.testkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openchance.testkit.graphql.GraphQlClient;
import tools.jackson.databind.JsonNode;

/**
 * The plugin harness: the plugin bundles built in the same Maven run (test dependencies of the module), dropped into
 * a running server's watched plugin folder, waited for, and removed again.
 */
public final class PluginBundles {

    private PluginBundles() {}

    /** The built plugin jar that holds this class file, e.g. {@code org/openchance/plugins/examplescoring/FitScoring.class}. */
    public static Path jarOf(String classFile) {
        String url = PluginBundles.class.getClassLoader().getResource(classFile).toString();
        assertThat(url)
                .as("the plugin must be on the test classpath as a built jar")
                .startsWith("jar:file:");
        try {
            return Path.of(new URI(url.substring("jar:".length(), url.indexOf("!/"))));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies under a temporary name and renames, so the watcher never reads a half-written jar. */
    public static Path drop(Path folder, Path bundle, String name) throws IOException {
        Path temporary = folder.resolve(name + ".part");
        Files.copy(bundle, temporary, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until the server's {@code plugins} query shows the plugin in this state; returns what it shows. */
    public static JsonNode awaitState(GraphQlClient api, String pluginId, String state) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> state.equals(plugin(api, pluginId).path("state").asString("")));
        return plugin(api, pluginId);
    }

    /** Removes a dropped plugin and waits until the server no longer lists it. */
    public static void remove(GraphQlClient api, Path dropped, String pluginId) throws IOException {
        Files.delete(dropped);
        await().atMost(Duration.ofSeconds(20)).until(() -> plugin(api, pluginId).isMissingNode());
    }

    public static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode plugin(GraphQlClient api, String pluginId) {
        for (JsonNode plugin : api.data("{ plugins { id state lastError extensionPoints } }", Map.of())
                .get("plugins")) {
            if (plugin.get("id").asString().equals(pluginId)) {
                return plugin;
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }
}

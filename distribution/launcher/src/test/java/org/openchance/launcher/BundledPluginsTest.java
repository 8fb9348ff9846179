package org.openchance.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release's plugins reach a data folder on every start, without overriding what its administrator did. */
class BundledPluginsTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartInstallsAllAndALaterReleaseUpdatesOnlyWhatTheLauncherPutThere() throws IOException {
        Path release = Files.createDirectories(dir.resolve("release1"));
        Files.writeString(release.resolve("a.jar"), "a1");
        Files.writeString(release.resolve("b.jar"), "b1");
        Files.writeString(release.resolve("c.jar"), "c1");
        Path folder = dir.resolve("data/plugins");

        BundledPlugins.Changes first = BundledPlugins.install(release, folder);
        assertThat(first.installed()).containsExactly("a.jar", "b.jar", "c.jar");
        assertThat(Files.readString(folder.resolve("a.jar"))).isEqualTo("a1");

        // the administrator replaces b with their own build and deletes c
        Files.writeString(folder.resolve("b.jar"), "b-own");
        Files.delete(folder.resolve("c.jar"));
        Path next = Files.createDirectories(dir.resolve("release2"));
        Files.writeString(next.resolve("a.jar"), "a2");
        Files.writeString(next.resolve("b.jar"), "b2");
        Files.writeString(next.resolve("c.jar"), "c2");
        Files.writeString(next.resolve("d.jar"), "d2"); // new in this release

        BundledPlugins.Changes second = BundledPlugins.install(next, folder);
        assertThat(second.updated()).containsExactly("a.jar");
        assertThat(second.keptChanged()).containsExactly("b.jar");
        assertThat(second.installed()).containsExactly("d.jar");
        assertThat(Files.readString(folder.resolve("a.jar"))).isEqualTo("a2");
        assertThat(Files.readString(folder.resolve("b.jar"))).isEqualTo("b-own");
        assertThat(folder.resolve("c.jar")).doesNotExist();
        assertThat(Files.readString(folder.resolve("d.jar"))).isEqualTo("d2");
        try (var left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }

        // the same release again: nothing to do
        BundledPlugins.Changes again = BundledPlugins.install(next, folder);
        assertThat(again.installed()).isEmpty();
        assertThat(again.updated()).isEmpty();
        assertThat(again.keptChanged()).containsExactly("b.jar");
    }

    @Test
    void aFolderFromBeforeTheManifestGetsTheReleasesVersionsOfItsJars() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(folder.resolve("a.jar"), "a0");
        Files.writeString(folder.resolve("mine.jar"), "own plugin");
        Path release = Files.createDirectories(dir.resolve("release"));
        Files.writeString(release.resolve("a.jar"), "a1");
        Files.writeString(release.resolve("b.jar"), "b1"); // not there: deleted by the administrator, or never had

        BundledPlugins.Changes changes = BundledPlugins.install(release, folder);
        assertThat(changes.updated()).containsExactly("a.jar");
        assertThat(changes.installed()).isEmpty();
        assertThat(Files.readString(folder.resolve("a.jar"))).isEqualTo("a1");
        assertThat(Files.readString(folder.resolve("mine.jar"))).isEqualTo("own plugin");
        assertThat(folder.resolve("b.jar")).doesNotExist();
        assertThat(folder.resolve(BundledPlugins.MANIFEST)).isRegularFile();

        // and stays so on the next start: b is not brought in later
        BundledPlugins.Changes next = BundledPlugins.install(release, folder);
        assertThat(next.installed()).isEmpty();
        assertThat(next.updated()).isEmpty();
        assertThat(folder.resolve("b.jar")).doesNotExist();
    }
}

package org.openchance.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The product's own plugins in a data folder's plugin folder: all of them on the first start; on each later start,
 * the release's version of each replaces the one installed before, so that an upgrade reaches the plugins too. The
 * folder stays the administrator's: a file {@code .bundled} remembers the checksum of every jar put there, and a jar an
 * administrator replaced (another checksum) or deleted (remembered, not there) is left as it is.
 */
final class BundledPlugins {

    static final String MANIFEST = ".bundled";

    /** In the manifest: a plugin the folder did not have when the manifest was first written. */
    private static final String ABSENT = "absent";

    /** What a start did: the jars put in for the first time, and those replaced by the release's version. */
    record Changes(List<String> installed, List<String> updated, List<String> keptChanged) {}

    private BundledPlugins() {}

    /**
     * @param bundled the release's plugins ({@code <home>/plugins})
     * @param folder  the plugin folder the server watches
     */
    static Changes install(Path bundled, Path folder) throws IOException {
        List<String> installed = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> keptChanged = new ArrayList<>();
        if (!Files.isDirectory(bundled)) {
            return new Changes(installed, updated, keptChanged);
        }
        boolean first = !Files.exists(folder);
        Files.createDirectories(folder);
        Path manifestFile = folder.resolve(MANIFEST);
        Properties manifest = new Properties();
        boolean known = Files.exists(manifestFile);
        if (known) {
            try (InputStream in = Files.newInputStream(manifestFile)) {
                manifest.load(in);
            }
        }
        try (Stream<Path> jars = Files.list(bundled)) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                String name = jar.getFileName().toString();
                Path target = folder.resolve(name);
                String release = checksum(jar);
                String before = manifest.getProperty(name);
                if (!Files.exists(target)) {
                    // a new plugin of this release, unless the administrator deleted it
                    if (first || (known && before == null)) {
                        copy(jar, target);
                        installed.add(name);
                        manifest.setProperty(name, release);
                    } else if (!known) {
                        // a folder from before the manifest: deleted, or from before the plugin; it stays out
                        manifest.setProperty(name, ABSENT);
                    }
                    continue;
                }
                String present = checksum(target);
                if (present.equals(release)) {
                    manifest.setProperty(name, release);
                } else if (present.equals(before) || !known) {
                    // ours, from an earlier release (a folder from before the manifest holds only ours by that name)
                    copy(jar, target);
                    updated.add(name);
                    manifest.setProperty(name, release);
                } else {
                    keptChanged.add(name);
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(manifestFile)) {
            manifest.store(out, "The product's plugins as the launcher put them here (name = SHA-256)");
        }
        return new Changes(installed, updated, keptChanged);
    }

    /** Copied beside, then moved into place: the server's folder watcher never sees half a jar. */
    private static void copy(Path jar, Path target) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String checksum(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

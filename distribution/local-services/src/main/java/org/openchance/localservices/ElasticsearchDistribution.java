package org.openchance.localservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch server we run locally: the {@code integ-test-zip} distribution from Maven Central. The build
 * resolves it into the local Maven repository; a packaged OpenChance carries it in its {@code elasticsearch/} folder.
 */
public final class ElasticsearchDistribution {

    /** Path to the zip (or to an already unpacked Elasticsearch home). */
    public static final String LOCATION_PROPERTY = "openchance.elasticsearch.distribution";

    public static final String LOCATION_ENV = "OPENCHANCE_ELASTICSEARCH_DISTRIBUTION";

    private ElasticsearchDistribution() {}

    public static String version() {
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream("versions.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("elasticsearch.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the zip was found; the first existing of: system property, environment, app folder, Maven repository. */
    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(LOCATION_PROPERTY, System.getenv(LOCATION_ENV));
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        String zip = "elasticsearch-" + version() + ".zip";
        String appHome = System.getProperty("openchance.home");
        if (appHome != null) {
            candidates.add(Path.of(appHome, "elasticsearch", zip));
        }
        String repository = System.getProperty(
                "maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        candidates.add(Path.of(
                repository, "org", "elasticsearch", "distribution", "integ-test-zip", "elasticsearch", version(), zip));
        return candidates.stream()
                .filter(Files::exists)
                .findFirst()
                .orElseThrow(() -> new LocalServiceException("The Elasticsearch distribution " + zip
                        + " was not found (looked at " + candidates + "). Build OpenChance with Maven once, which "
                        + "downloads it, or set " + LOCATION_ENV + " to the zip."));
    }

    /**
     * Unpacks the distribution below {@code parent} (once; a marker file says it is complete) and returns the
     * Elasticsearch home folder.
     */
    public static Path unpack(Path parent) {
        Path source = locate();
        if (Files.isDirectory(source)) {
            return source;
        }
        Path home = parent.resolve("elasticsearch-" + version());
        Path marker = home.resolve(".openchance-unpacked");
        if (Files.exists(marker)) {
            return home;
        }
        try {
            Folders.deleteRecursively(home);
            Files.createDirectories(home);
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(source))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    // Entries are "elasticsearch-<version>/..."; drop that first folder.
                    String name = entry.getName();
                    int slash = name.indexOf('/');
                    if (slash < 0 || slash == name.length() - 1) {
                        continue;
                    }
                    Path target = home.resolve(name.substring(slash + 1)).normalize();
                    if (!target.startsWith(home)) {
                        throw new LocalServiceException("Unsafe entry in " + source + ": " + name);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            // java.util.zip drops the execute bits.
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                scripts.forEach(script -> script.toFile().setExecutable(true, false));
            }
            Files.writeString(marker, source.toString());
            return home;
        } catch (IOException e) {
            throw new LocalServiceException("Cannot unpack " + source + " into " + home, e);
        }
    }
}

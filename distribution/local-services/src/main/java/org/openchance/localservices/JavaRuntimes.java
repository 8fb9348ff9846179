package org.openchance.localservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** Finds a Java runtime new enough for Elasticsearch (which needs Java 21+, while OpenChance runs on 17). */
final class JavaRuntimes {

    static final int ELASTICSEARCH_MINIMUM = 21;

    private JavaRuntimes() {}

    /**
     * In order: an explicit {@code configured} home, {@code ES_JAVA_HOME}, the running JVM, then every JDK under
     * {@code /usr/lib/jvm} (newest first).
     */
    static Path forElasticsearch(String configured) {
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        String env = System.getenv("ES_JAVA_HOME");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        candidates.addAll(installed(Path.of("/usr/lib/jvm")));
        return candidates.stream()
                .filter(home -> feature(home).orElse(0) >= ELASTICSEARCH_MINIMUM)
                .findFirst()
                .orElseThrow(() -> new LocalServiceException("Elasticsearch needs Java " + ELASTICSEARCH_MINIMUM
                        + " or newer, and none was found (looked at " + candidates + "). Install one, or set "
                        + "ES_JAVA_HOME to it."));
    }

    private static List<Path> installed(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(root)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .sorted(Comparator.comparing((Path home) -> feature(home).orElse(0))
                            .reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The feature release (17, 21, 25 ...) from a JDK's {@code release} file. */
    static Optional<Integer> feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        try (var in = Files.newBufferedReader(release)) {
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
            String major = version.startsWith("1.") ? version.substring(2) : version;
            return Optional.of(Integer.parseInt(major.split("[.+-]")[0]));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

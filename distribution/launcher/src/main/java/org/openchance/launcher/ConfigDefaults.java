package org.openchance.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where option values come from when the command line does not give them, first match wins:
 * the environment ({@code --db-url} is {@code OPENCHANCE_DB_URL}), then the config file ({@code db-url=...}), then the
 * option's built-in default. The config file is {@code --config FILE}, else {@code $OPENCHANCE_CONFIG}, else
 * {@code openchance.properties} in the current folder when it exists.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    private final Properties file;
    private final Path source;

    private ConfigDefaults(Properties file, Path source) {
        this.file = file;
        this.source = source;
    }

    static ConfigDefaults load(String[] args) {
        Path config = configFile(args);
        Properties properties = new Properties();
        if (config != null) {
            try (Reader in = Files.newBufferedReader(config)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read config file " + config, e);
            }
        }
        return new ConfigDefaults(properties, config);
    }

    /** The config file in use, or null. */
    Path source() {
        return source;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
            return null;
        }
        String key = option.longestName().substring(2);
        if (key.equals("config")) {
            return source == null ? null : source.toString();
        }
        String env = System.getenv("OPENCHANCE_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (env != null && !env.isBlank()) {
            return env;
        }
        return file.getProperty(key);
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return existing(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return existing(Path.of(args[i].substring("--config=".length())));
            }
        }
        String env = System.getenv("OPENCHANCE_CONFIG");
        if (env != null && !env.isBlank()) {
            return existing(Path.of(env));
        }
        Path local = Path.of("openchance.properties");
        return Files.isRegularFile(local) ? local : null;
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CommandLine.ParameterException(new CommandLine(new Main()), "Config file not found: " + path);
        }
        return path;
    }
}

package org.openchance.launcher;

import java.nio.file.Path;
import org.openchance.localservices.UnprivilegedUser;
import picocli.CommandLine.Option;

/** Where the data lives: the data folder and PostgreSQL (external by URL, else embedded). Shared by the commands. */
final class DatabaseOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder for data and logs. Default: ./data.")
    Path dataDir;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description = "External PostgreSQL, e.g. jdbc:postgresql://db:5432/openchance. Default: embedded.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Default: ${DEFAULT-VALUE}.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Default: empty.")
    String dbPassword;

    @Option(names = "--embedded-db-port", defaultValue = "15432", description = "Default: ${DEFAULT-VALUE}.")
    int embeddedDbPort;

    boolean embeddedPostgres() {
        return dbUrl == null;
    }

    /**
     * The data folder: as configured, else {@code ./data}. Embedded services run as an unprivileged user when we are
     * root; if that user cannot reach {@code ./data} (a clone below {@code /root}), use {@code /var/lib/openchance}.
     */
    Path dataFolder(boolean anyEmbedded) {
        if (dataDir != null) {
            return dataDir.toAbsolutePath().normalize();
        }
        Path local = Path.of("data").toAbsolutePath().normalize();
        if (anyEmbedded && !UnprivilegedUser.canServicesReach(local)) {
            Path fallback = Path.of("/var/lib/openchance");
            System.out.println("Note: " + local + " is not reachable for the unprivileged user that runs PostgreSQL"
                    + " and Elasticsearch; using " + fallback + " (choose another with --data-dir).");
            return fallback;
        }
        return local;
    }
}

package org.openchance.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.openchance.localservices.Folders;
import org.openchance.localservices.FreePorts;
import org.openchance.localservices.LocalElasticsearch;
import org.openchance.localservices.LocalPostgres;

/** The fallback: the same local PostgreSQL and Elasticsearch the launcher starts, throwaway, one each per JVM. */
final class LocalTestServices {

    private static Path root;

    private LocalTestServices() {}

    static PostgresServer postgres() {
        LocalPostgres pg = LocalPostgres.start(root().resolve("postgres"), FreePorts.next(), false);
        Cleanup.atExit(pg::close);
        return new PostgresServer(pg.jdbcUrl("postgres"), LocalPostgres.SUPERUSER, pg.superuserPassword(), "local");
    }

    static URI elasticsearch() {
        LocalElasticsearch es = LocalElasticsearch.start(
                root().resolve("elasticsearch"), root().resolve("runtime"), FreePorts.next(), "512m");
        Cleanup.atExit(es::close);
        return es.url();
    }

    /** One folder per JVM below /tmp (the services run as "nobody" when we are root and must reach it). */
    private static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory(
                        Path.of(System.getProperty("java.io.tmpdir")),
                        "openchance-test-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path created = root;
            // Registered first, so it runs last: after the servers have stopped.
            Cleanup.atExit(() -> {
                try {
                    Folders.deleteRecursively(created);
                } catch (IOException e) {
                    System.err.println("Could not delete " + created + ": " + e);
                }
            });
        }
        return root;
    }
}

package org.openchance.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openchance.localservices.LocalElasticsearch;
import org.openchance.localservices.LocalPostgres;
import org.openchance.store.admin.DatabaseSetup;

/**
 * The embedded default: a local PostgreSQL and/or Elasticsearch for whichever of the two has no URL configured,
 * with their data below the data folder. Elasticsearch (the slow one, ~10 s) starts in the background while
 * PostgreSQL and then the server start; its URL is known up front from its port.
 */
final class EmbeddedServices implements AutoCloseable {

    static final String DATABASE = "openchance";
    /** The role the server and the commands connect as: the database's owner, no superuser. */
    static final String OWNER = "openchance";

    private final LocalPostgres postgres;
    private final CompletableFuture<LocalElasticsearch> elasticsearch;
    private final URI elasticsearchUrl;

    private EmbeddedServices(
            LocalPostgres postgres, CompletableFuture<LocalElasticsearch> elasticsearch, URI elasticsearchUrl) {
        this.postgres = postgres;
        this.elasticsearch = elasticsearch;
        this.elasticsearchUrl = elasticsearchUrl;
    }

    /** Returns once PostgreSQL is up; Elasticsearch may still be starting (see {@link #awaitElasticsearch()}). */
    static EmbeddedServices start(
            Path dataDir,
            boolean needPostgres,
            int postgresPort,
            boolean needElasticsearch,
            int elasticsearchPort,
            String elasticsearchHeap) {
        CompletableFuture<LocalElasticsearch> es = needElasticsearch
                ? CompletableFuture.supplyAsync(() -> LocalElasticsearch.start(
                        dataDir.resolve("elasticsearch"),
                        dataDir.resolve("runtime"),
                        elasticsearchPort,
                        elasticsearchHeap))
                : null;
        LocalPostgres pg = null;
        try {
            if (needPostgres) {
                pg = startPostgres(dataDir, postgresPort);
            }
        } catch (RuntimeException e) {
            new EmbeddedServices(pg, es, null).close();
            throw e;
        }
        return new EmbeddedServices(
                pg, es, needElasticsearch ? URI.create("http://127.0.0.1:" + elasticsearchPort) : null);
    }

    /**
     * The embedded PostgreSQL, durable, with the database {@value #DATABASE} owned by the ordinary role
     * {@value #OWNER} and ready for it ({@link DatabaseSetup}: a data folder from before is brought over too).
     */
    static LocalPostgres startPostgres(Path dataDir, int port) {
        LocalPostgres pg = LocalPostgres.start(dataDir.resolve("postgres"), port, true);
        try {
            pg.ensureRole(OWNER);
            pg.createDatabaseIfMissing(DATABASE, OWNER);
            try (Connection superuser = pg.superuserConnection(DATABASE)) {
                DatabaseSetup.prepare(superuser, OWNER);
            }
            return pg;
        } catch (SQLException | RuntimeException e) {
            pg.close();
            throw new IllegalStateException("Cannot prepare database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    boolean hasPostgres() {
        return postgres != null;
    }

    boolean hasElasticsearch() {
        return elasticsearch != null;
    }

    String postgresUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    String postgresPassword() {
        return postgres.passwordOf(OWNER);
    }

    URI elasticsearchUrl() {
        return elasticsearchUrl;
    }

    /** Waits until the embedded Elasticsearch (if any) is up; throws why it could not start. */
    void awaitElasticsearch() {
        if (elasticsearch != null) {
            try {
                elasticsearch.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    @Override
    public void close() {
        if (elasticsearch != null) {
            // Also when it is still starting: stop it as soon as it is up.
            elasticsearch
                    .thenAccept(LocalElasticsearch::close)
                    .exceptionally(failed -> null)
                    .join();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}

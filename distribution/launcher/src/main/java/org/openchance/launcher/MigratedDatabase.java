package org.openchance.launcher;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.openchance.localservices.LocalPostgres;

/**
 * The database of the {@link DatabaseOptions} for a command that writes into it without a server (demo-data,
 * import-rates): the embedded PostgreSQL started (and stopped on close) unless a URL is given, and migrated to the
 * schema the server has, so that the command also works on a brand-new database. Logs go to the data folder.
 */
final class MigratedDatabase implements AutoCloseable {

    final String url;
    final DataSource dataSource;
    private final LocalPostgres embedded;

    private MigratedDatabase(String url, DataSource dataSource, LocalPostgres embedded) {
        this.url = url;
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    static MigratedDatabase open(DatabaseOptions database) {
        Path data = database.dataFolder(database.embeddedPostgres());
        System.setProperty(
                "openchance.log.file",
                data.resolve("logs").resolve("openchance.log").toString());
        LocalPostgres embedded = null;
        try {
            String url = database.dbUrl;
            String user = database.dbUser;
            String password = database.dbPassword;
            if (database.embeddedPostgres()) {
                embedded = EmbeddedServices.startPostgres(data, database.embeddedDbPort);
                url = embedded.jdbcUrl(EmbeddedServices.DATABASE);
                user = EmbeddedServices.OWNER;
                password = embedded.passwordOf(EmbeddedServices.OWNER);
            }
            Flyway flyway = Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("classpath:db/migration")
                    .load();
            flyway.migrate();
            return new MigratedDatabase(url, flyway.getConfiguration().getDataSource(), embedded);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}

package org.openchance.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.flywaydb.core.Flyway;
import org.openchance.search.SearchConnection;
import org.openchance.search.index.DocType;
import org.openchance.search.index.Reindexer;
import org.openchance.search.index.SearchIndexer;
import org.openchance.search.index.SearchIndices;
import org.openchance.store.search.SearchSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuilds the search indices from PostgreSQL into new indices and then swaps the aliases in one step. Servers"
                    + " may run meanwhile: searches use the old indices until the swap, and changes made during the rebuild"
                    + " reach the new ones too.",
            "Without --db-url / --es-url it uses the embedded PostgreSQL and Elasticsearch in --data-dir, as `start`"
                    + " does (stop a server that runs on them first, or point this command at it by URL).",
            "Example: openchance reindex --types OPPORTUNITY,ACTIVITY"
        },
        sortOptions = false)
final class ReindexCommand implements Callable<Integer> {

    @Option(
            names = "--types",
            split = ",",
            paramLabel = "TYPE",
            description = "Which indices: ${COMPLETION-CANDIDATES}. Default: all.")
    List<DocType> types;

    @Mixin
    DatabaseOptions database;

    @Mixin
    SearchOptions search;

    @Override
    public Integer call() throws Exception {
        List<DocType> which = types == null || types.isEmpty() ? List.of(DocType.values()) : types;
        Path data = database.dataFolder(database.embeddedPostgres() || search.embeddedElasticsearch());
        System.setProperty(
                "openchance.log.file",
                data.resolve("logs").resolve("openchance.log").toString());
        try (EmbeddedServices embedded = EmbeddedServices.start(
                data,
                database.embeddedPostgres(),
                database.embeddedDbPort,
                search.embeddedElasticsearch(),
                search.embeddedEsPort,
                search.embeddedEsHeap)) {
            String url = embedded.hasPostgres() ? embedded.postgresUrl() : database.dbUrl;
            Flyway flyway = Flyway.configure()
                    .dataSource(
                            url,
                            embedded.hasPostgres() ? EmbeddedServices.OWNER : database.dbUser,
                            embedded.hasPostgres() ? embedded.postgresPassword() : database.dbPassword)
                    .locations("classpath:db/migration")
                    .load();
            flyway.migrate(); // the same schema the server has
            DataSource dataSource = flyway.getConfiguration().getDataSource();
            embedded.awaitElasticsearch();
            try (SearchConnection connection = SearchConnection.open(
                    embedded.hasElasticsearch() ? embedded.elasticsearchUrl() : search.esUrl, search.esIndexPrefix)) {
                SearchSources sources = new SearchSources(dataSource);
                SearchIndices indices = new SearchIndices(connection, sources);
                indices.createMissing();
                Reindexer reindexer = new Reindexer(indices, new SearchIndexer(connection, indices, sources), sources);
                long started = System.nanoTime();
                long total = 0;
                for (DocType type : which) {
                    long typeStarted = System.nanoTime();
                    Map<DocType, Long> written;
                    try (ProgressBar bar = new ProgressBarBuilder()
                            .setTaskName(type.indexName())
                            .setInitialMax(1)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(250)
                            .showSpeed()
                            .setUnit(" docs", 1)
                            .continuousUpdate()
                            .build()) {
                        written = reindexer.rebuild(List.of(type), progress -> {
                            bar.maxHint(Math.max(progress.total(), 1));
                            bar.stepTo(progress.done());
                        });
                    }
                    long count = written.get(type);
                    total += count;
                    double seconds = (System.nanoTime() - typeStarted) / 1e9;
                    System.out.printf(
                            "%s: %,d documents in %.1f s (%,.0f documents/s)%n",
                            type.indexName(), count, seconds, count / Math.max(seconds, 1e-3));
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf(
                        "Reindexed %,d documents in %.1f s (%,.0f documents/s) into %s*%n",
                        total,
                        took.toMillis() / 1000.0,
                        total / Math.max(took.toMillis() / 1000.0, 1e-3),
                        search.esIndexPrefix);
                return 0;
            }
        }
    }
}

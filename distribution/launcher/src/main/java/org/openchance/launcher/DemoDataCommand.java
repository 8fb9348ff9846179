package org.openchance.launcher;

import java.time.Duration;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo-data",
        mixinStandardHelpOptions = true,
        description = {
            "Fills an empty database with generated demo data, of any size: German and English accounts with contacts,"
                    + " opportunities in every stage over two years (open, won and lost, with their history), teams with"
                    + " external partners, leads. The same size and seed always give the same data.",
            "Without --db-url it uses the embedded PostgreSQL in --data-dir (started for the run), as `start` does.",
            "Search indices are not touched: run `openchance reindex` afterwards (`start` does it by itself after"
                    + " loading its own demo data).",
            "Example: openchance demo-data --opportunities 100000 --activities-per-opportunity 5"
        },
        sortOptions = false)
final class DemoDataCommand implements Callable<Integer> {

    @Option(
            names = "--opportunities",
            defaultValue = "" + DemoDataGenerator.DEFAULT_OPPORTUNITIES,
            description =
                    "How many opportunities (accounts: one per five, owners: one per 2,500). Default: ${DEFAULT-VALUE}.")
    int opportunities;

    @Option(
            names = "--seed",
            defaultValue = "" + DemoDataGenerator.DEFAULT_SEED,
            description = "Seed of the generator. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--activities-per-opportunity",
            paramLabel = "N",
            description =
                    "Mean number of activities (calls, notes, ...) per opportunity. Default: about one per stage reached (~3).")
    Integer activitiesPerOpportunity;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if (opportunities < 1) {
            System.err.println("--opportunities must be at least 1");
            return 2;
        }
        if (activitiesPerOpportunity != null && activitiesPerOpportunity < 0) {
            System.err.println("--activities-per-opportunity must not be negative");
            return 2;
        }
        try (MigratedDatabase db = MigratedDatabase.open(database)) {
            long started = System.nanoTime();
            DemoDataGenerator.Counts counts;
            try (ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName("Opportunities")
                    .setInitialMax(opportunities)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .showSpeed()
                    .continuousUpdate()
                    .build()) {
                counts = DemoDataGenerator.generateIfEmpty(
                        db.dataSource, seed, opportunities, activitiesPerOpportunity, bar::stepTo);
            }
            if (counts == null) {
                System.err.println("Not generated: the database " + db.url + " already has data."
                        + " Demo data goes into an empty database only.");
                return 1;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf(
                    "Generated %,d records in %.1f s: %,d users, %,d accounts, %,d contacts, %,d opportunities,"
                            + " %,d team members, %,d history rows, %,d activities, %,d tasks, %,d leads (%s)%n",
                    counts.total(),
                    took.toMillis() / 1000.0,
                    counts.users(),
                    counts.accounts(),
                    counts.contacts(),
                    counts.opportunities(),
                    counts.teamMembers(),
                    counts.history(),
                    counts.activities(),
                    counts.tasks(),
                    counts.leads(),
                    db.url);
            return 0;
        }
    }
}

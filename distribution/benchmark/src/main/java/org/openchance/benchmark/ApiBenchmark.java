package org.openchance.benchmark;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The core-model performance floor: one opportunity with account and team, and a page of 50 open opportunities of one
 * owner by close date, each with N concurrent clients over HTTP against a running server; and, in the same run, the
 * same SQL through pgbench with as many clients. Prints requests/s, p50 and p99 of both and their ratio.
 */
@Command(
        name = "api-benchmark",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Load benchmark of the GraphQL API against its SQL baseline (pgbench), same run, same data.")
public final class ApiBenchmark implements Callable<Integer> {

    @Option(
            names = "--graphql",
            defaultValue = "http://localhost:18080/graphql",
            description = "Default: ${DEFAULT-VALUE}.")
    URI graphql;

    @Option(
            names = "--db-url",
            defaultValue = "jdbc:postgresql://127.0.0.1:25432/openchance",
            description = "The server's database. Default: ${DEFAULT-VALUE}.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Default: ${DEFAULT-VALUE}.")
    String dbUser;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(
            names = "--warm-up",
            defaultValue = "PT60S",
            description =
                    "Per scenario over HTTP: the server's JIT needs about a minute on two cores. Default: ${DEFAULT-VALUE}.")
    Duration warmUp;

    @Option(
            names = "--sql-warm-up",
            defaultValue = "PT5S",
            description = "Per scenario for pgbench. Default: ${DEFAULT-VALUE}.")
    Duration sqlWarmUp;

    @Option(
            names = "--duration",
            defaultValue = "PT20S",
            description = "Measured, per scenario and driver. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(
            names = "--requests",
            defaultValue = "100",
            description = "Distinct requests per scenario (ids). Default: ${DEFAULT-VALUE}.")
    int distinct;

    @Option(
            names = "--scenarios",
            split = ",",
            defaultValue = "opportunity,page",
            description = "Which to run: opportunity (one with account and team), page (50 open of one owner), summary"
                    + " (pipelineSummary of one owner and of the whole pipeline), winloss (winLossAnalysis of every closed"
                    + " deal by each dimension; measure it with --clients 1). Default: ${DEFAULT-VALUE}.")
    List<String> which;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ApiBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        long opportunities;
        try (Connection db = Database.connect(dbUrl, dbUser)) {
            try (var rows = db.createStatement().executeQuery("select count(*) from opportunity")) {
                rows.next();
                opportunities = rows.getLong(1);
            }
            if (which.contains("opportunity")) {
                scenarios.add(Workloads.opportunityWithAccountAndTeam(db, distinct));
            }
            if (which.contains("page")) {
                scenarios.add(Workloads.openOpportunitiesOfOwner(db, distinct));
            }
            if (which.contains("summary")) {
                scenarios.add(Workloads.pipelineSummaryOfOwner(db, distinct));
                scenarios.add(Workloads.pipelineSummary(db));
            }
            if (which.contains("winloss")) {
                for (String dimension : List.of(
                        "REASON",
                        "COMPETITOR",
                        "OWNER",
                        "INDUSTRY",
                        "STAGE_LOST_AT",
                        "PIPELINE",
                        "COMPANY_SIZE",
                        "LEAD_SOURCE",
                        "QUARTER")) {
                    scenarios.add(Workloads.winLossAnalysis(dimension));
                }
            }
        }
        System.out.printf(
                "%,d opportunities; %d clients; warm-up %d s (pgbench %d s), measured %d s per scenario and driver%n",
                opportunities, clients, warmUp.toSeconds(), sqlWarmUp.toSeconds(), duration.toSeconds());

        Path work = Files.createTempDirectory("openchance-benchmark-");
        HttpLoad http = new HttpLoad(graphql, clients);
        Pgbench pgbench = new Pgbench(dbUrl, dbUser, clients, work);
        List<String> table = new ArrayList<>();
        table.add(String.format(
                "%-42s %-8s %10s %9s %9s %7s", "scenario", "driver", "req/s", "p50 ms", "p99 ms", "errors"));
        boolean failed = false;
        for (Scenario scenario : scenarios) {
            Measurement api = http.run(scenario, warmUp, duration);
            Measurement sql = pgbench.run(scenario, sqlWarmUp, duration);
            table.add(row(scenario.name(), "GraphQL", api));
            table.add(row("  (" + scenario.requests().size() + " distinct requests)", "pgbench", sql));
            table.add(String.format(
                    "%-42s %-8s %10.2f %9.2f %9.2f",
                    "",
                    "ratio",
                    api.perSecond() / sql.perSecond(),
                    api.p50Millis() / sql.p50Millis(),
                    api.p99Millis() / sql.p99Millis()));
            failed |= api.errors() > 0;
            System.out.println(table.get(table.size() - 3));
        }
        System.out.println();
        table.forEach(System.out::println);
        if (failed) {
            System.out.println("Some requests failed: the numbers above do not count.");
        }
        return failed ? 1 : 0;
    }

    private static String row(String scenario, String driver, Measurement m) {
        return String.format(
                "%-42s %-8s %10.0f %9.2f %9.2f %7d",
                scenario, driver, m.perSecond(), m.p50Millis(), m.p99Millis(), m.errors());
    }
}

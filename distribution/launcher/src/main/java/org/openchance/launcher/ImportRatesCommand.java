package org.openchance.launcher;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.openchance.server.money.ReportingCurrency;
import org.openchance.store.money.ExchangeRates;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "import-rates",
        mixinStandardHelpOptions = true,
        description = {
            "Imports a table of exchange rates (CSV) against the reporting currency: the ECB's reference rates as"
                    + " downloaded (eurofxref-hist.csv or eurofxref.csv: a Date column, one column per currency, N/A"
                    + " where there is none), or one rate per line with the columns currency, rate and validFrom.",
            "Every line is checked first; with any problem nothing is written and the problems are listed with their"
                    + " lines. A rate for a day that already has one replaces it. Servers pick the new rates up within"
                    + " openchance.money.rates-cache-seconds (10 s).",
            "Example: openchance import-rates eurofxref-hist.csv"
        },
        sortOptions = false)
final class ImportRatesCommand implements Callable<Integer> {

    /** Rates per statement. */
    private static final int BATCH = 1_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Option(
            names = "--base",
            defaultValue = "EUR",
            description = "The currency the file quotes against, the server's reporting currency"
                    + " (openchance.money.reporting-currency); the ECB's files: EUR. Default: ${DEFAULT-VALUE}.")
    String base;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if (!ReportingCurrency.isCode(base)) {
            System.err.println("--base must be an ISO 4217 code such as EUR, not " + base);
            return 2;
        }
        if (!Files.isReadable(file)) {
            System.err.println("Cannot read " + file);
            return 2;
        }
        ExchangeRateCsv.Result read;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read = ExchangeRateCsv.read(in, base);
        }
        if (!read.problems().isEmpty()) {
            System.err.printf(
                    "Nothing imported: %,d problems in %s%n", read.problems().size(), file);
            read.problems().stream().limit(20).forEach(p -> System.err.println("  " + p));
            if (read.problems().size() > 20) {
                System.err.printf("  ... and %,d more%n", read.problems().size() - 20);
            }
            return 1;
        }
        try (MigratedDatabase db = MigratedDatabase.open(database)) {
            ExchangeRates rates = new ExchangeRates(db.dataSource);
            List<ExchangeRates.Rate> all = read.rates();
            long started = System.nanoTime();
            // One transaction: all rates or none.
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource)).executeWithoutResult(status -> {
                try (ProgressBar bar = new ProgressBarBuilder()
                        .setTaskName("Rates")
                        .setInitialMax(all.size())
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250)
                        .showSpeed()
                        .continuousUpdate()
                        .build()) {
                    for (int from = 0; from < all.size(); from += BATCH) {
                        List<ExchangeRates.Rate> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                        rates.setAll(base, batch, null);
                        bar.stepBy(batch.size());
                    }
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            long currencies =
                    all.stream().map(ExchangeRates.Rate::currency).distinct().count();
            System.out.printf(
                    "Imported %,d rates of %d currencies against %s in %.1f s into %s%n",
                    all.size(), currencies, base, seconds, db.url);
            return 0;
        }
    }
}

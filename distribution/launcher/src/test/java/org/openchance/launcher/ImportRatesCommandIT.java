package org.openchance.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openchance.testkit.TestDatabase;
import org.openchance.testkit.TestServices;
import picocli.CommandLine;

/** {@code openchance import-rates} against real PostgreSQL: the ECB's layout and the long one; all or nothing. */
class ImportRatesCommandIT {

    /** The head of the ECB's eurofxref-hist.csv as downloaded: trailing commas, N/A where a currency had no rate. */
    static final String ECB = """
            Date,USD,JPY,BGN,CYP,CHF,
            2026-11-27,1.0565,161.97,1.9558,N/A,0.9312,
            2026-11-26,1.0541,162.43,1.9558,N/A,0.9298,
            """;

    @TempDir
    Path folder;

    @Test
    void readsTheEcbLayoutSkippingDaysWithoutARate() throws Exception {
        ExchangeRateCsv.Result read = ExchangeRateCsv.read(new StringReader(ECB), "EUR");
        assertThat(read.problems()).isEmpty();
        assertThat(read.rates())
                .extracting(r -> r.currency() + " " + r.validFrom() + " " + r.rate())
                .containsExactly(
                        "USD 2026-11-27 1.0565",
                        "JPY 2026-11-27 161.97",
                        "BGN 2026-11-27 1.9558",
                        "CHF 2026-11-27 0.9312",
                        "USD 2026-11-26 1.0541",
                        "JPY 2026-11-26 162.43",
                        "BGN 2026-11-26 1.9558",
                        "CHF 2026-11-26 0.9298");
    }

    @Test
    void importsAllOrNothingAndReplacesRatesOfTheSameDay() throws Exception {
        TestDatabase db = TestServices.database(ImportRatesCommandIT.class);
        Path ecb = Files.writeString(folder.resolve("eurofxref-hist.csv"), ECB);
        Run first = importRates(ecb, db);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Imported 8 rates of 4 currencies against EUR");
        assertThat(rates(db))
                .contains("USD 2026-11-27 1.0565000000", "CHF 2026-11-26 0.9298000000")
                .hasSize(8);

        // a corrected rate for a day replaces it, a bad line stops the whole file
        Path bad = Files.writeString(folder.resolve("rates.csv"), """
                currency,rate,validFrom
                USD,1.0600,2026-11-27
                GBP,0.8333,2026-11-30
                EUR,1,2026-11-30
                ABC,1.2,2026-11-30
                CHF,-0.9,2026-11-30
                CHF,0.93,30.11.2026
                """);
        Run refused = importRates(bad, db);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains("Nothing imported: 4 problems")
                .contains("line 4, EUR: is the base currency")
                .contains("line 5, ABC: is not an ISO 4217 code")
                .contains("line 6, CHF: must be above 0")
                .contains("line 7, validFrom: \"30.11.2026\" is not a day");
        assertThat(rates(db)).contains("USD 2026-11-27 1.0565000000").hasSize(8);

        Path good = Files.writeString(folder.resolve("good.csv"), """
                currency,rate,validFrom
                USD,1.0600,2026-11-27
                GBP,0.8333,2026-11-30
                """);
        Run second = importRates(good, db);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(rates(db))
                .contains("USD 2026-11-27 1.0600000000", "GBP 2026-11-30 0.8333000000")
                .hasSize(9);
    }

    record Run(int exit, String out, String err) {}

    /** {@code openchance import-rates FILE} into the test's database. */
    private Run importRates(Path file, TestDatabase db) {
        return run(
                "import-rates",
                file.toString(),
                "--data-dir",
                folder.toString(),
                "--db-url",
                db.jdbcUrl(),
                "--db-user",
                db.username(),
                "--db-password",
                db.password());
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static List<String> rates(TestDatabase db) throws Exception {
        List<String> rates = new ArrayList<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select currency, valid_from, rate from exchange_rate order by currency, valid_from")) {
            while (rs.next()) {
                rates.add(rs.getString(1) + " " + rs.getDate(2) + " " + rs.getBigDecimal(3));
            }
        }
        return rates;
    }
}

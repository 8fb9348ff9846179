package org.openchance.launcher;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.Validation;
import org.openchance.server.money.ExchangeRateService;
import org.openchance.server.money.ReportingCurrency;
import org.openchance.store.money.ExchangeRates;

/**
 * Reads a table of exchange rates against one base currency, in either of two shapes:
 *
 * <ul>
 *   <li>wide, as the ECB publishes its reference rates ({@code eurofxref-hist.csv}): a {@code Date} column, then one
 *       column per currency; {@code N/A} or empty cells are days without a rate;
 *   <li>long: columns {@code currency}, {@code rate} and {@code validFrom} (or {@code date}), one rate per line.
 * </ul>
 *
 * Every cell is checked as {@code setExchangeRate} checks its input; the problems come back with their line, so that
 * an import either writes everything or nothing.
 */
final class ExchangeRateCsv {

    record Problem(long line, String column, String message) {
        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : ", " + column) + ": " + message;
        }
    }

    record Result(List<ExchangeRates.Rate> rates, List<Problem> problems) {}

    private ExchangeRateCsv() {}

    static Result read(Reader in, String base) throws IOException {
        List<ExchangeRates.Rate> rates = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true) // the ECB's lines end with a comma
                .get();
        try (CSVParser parser = format.parse(in)) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.trim().toLowerCase(Locale.ROOT))
                    .toList();
            boolean wide = !header.contains("currency");
            if (wide && !header.contains("date")) {
                problems.add(new Problem(1, null, "needs a Date column (ECB layout) or currency, rate and validFrom"));
                return new Result(rates, problems);
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (wide) {
                    LocalDate day = day(record.get(header.indexOf("date")), line, "Date", problems);
                    for (int i = 0; i < record.size() && i < header.size(); i++) {
                        String column = parser.getHeaderNames().get(i).trim();
                        String cell = record.get(i);
                        if (i == header.indexOf("date") || column.isEmpty() || cell.isEmpty() || cell.equals("N/A")) {
                            continue;
                        }
                        add(rates, problems, base, column, cell, day, line);
                    }
                } else {
                    int validFrom = header.contains("validfrom") ? header.indexOf("validfrom") : header.indexOf("date");
                    if (validFrom < 0 || !header.contains("rate")) {
                        problems.add(
                                new Problem(1, null, "the long layout needs currency, rate and validFrom columns"));
                        return new Result(rates, problems);
                    }
                    LocalDate day = day(record.get(validFrom), line, "validFrom", problems);
                    add(
                            rates,
                            problems,
                            base,
                            record.get(header.indexOf("currency")),
                            record.get(header.indexOf("rate")),
                            day,
                            line);
                }
            }
        }
        return new Result(rates, problems);
    }

    private static LocalDate day(String text, long line, String column, List<Problem> problems) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new Problem(line, column, "\"" + text + "\" is not a day such as 2026-11-30"));
            return null;
        }
    }

    private static void add(
            List<ExchangeRates.Rate> rates,
            List<Problem> problems,
            String base,
            String currency,
            String text,
            LocalDate day,
            long line) {
        Validation v = new Validation();
        v.check(ReportingCurrency.isCode(currency), currency, "is not an ISO 4217 code such as USD");
        v.check(!currency.equals(base), currency, "is the base currency, whose rate is always 1");
        BigDecimal rate = null;
        try {
            rate = new BigDecimal(text);
        } catch (NumberFormatException e) {
            v.check(false, currency, "\"" + text + "\" is not a number");
        }
        if (rate != null) {
            ExchangeRateService.rate(v, rate, currency);
        }
        for (UserError error : v.errors()) {
            problems.add(new Problem(line, error.field(), error.message()));
        }
        if (v.ok() && day != null) {
            rates.add(new ExchangeRates.Rate(currency, day, rate));
        }
    }
}

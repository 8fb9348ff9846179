package org.openchance.plugins.quotes;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a catalogue CSV (RFC 4180, comma or semicolon, a header row) into products and prices, checking every row:
 * all rows are good and are imported, or the problems of every bad row come back with their line numbers and nothing
 * is imported.
 *
 * <p>Columns (header names, any order, case-insensitive): {@code sku}, {@code name}, {@code unit}, {@code taxRate}
 * required; {@code description}, {@code active} (true/false), {@code price} and {@code minQuantity} (a price in the
 * chosen list from that quantity on, 1 when empty) optional. Rows of one SKU with different minQuantity are quantity
 * breaks; their product columns must agree. Decimals with a point or a German comma.
 */
final class CatalogueImport {

    static final int MAX_ROWS = 20_000;
    private static final Set<String> REQUIRED = Set.of("sku", "name", "unit", "taxrate");
    private static final Set<String> KNOWN =
            Set.of("sku", "name", "unit", "taxrate", "description", "active", "price", "minquantity");

    /** A product as a row describes it, with its prices in the list (min quantity → unit price). */
    record Item(
            String sku,
            String name,
            String description,
            String unit,
            BigDecimal taxRate,
            boolean active,
            Map<BigDecimal, BigDecimal> prices) {}

    /** A problem of a row: its line in the file (1 is the header), the column, what is wrong. */
    record Problem(long line, String column, String message) {}

    record Result(List<Item> items, List<Problem> problems) {}

    static Result read(String csv) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Item> bySku = new LinkedHashMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        char delimiter = delimiter(csv);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            Map<String, String> columns = new HashMap<>(); // lower-case name -> header as written
            parser.getHeaderNames().forEach(h -> columns.put(h.toLowerCase(Locale.ROOT), h));
            for (String required : REQUIRED) {
                if (!columns.containsKey(required)) {
                    String name = required.equals("taxrate") ? "taxRate" : required;
                    problems.add(new Problem(1, name, "the header has no column " + name));
                }
            }
            for (String column : columns.keySet()) {
                if (!KNOWN.contains(column)) {
                    problems.add(new Problem(1, columns.get(column), "unknown column; known: " + KNOWN));
                }
            }
            if (!problems.isEmpty()) {
                return new Result(List.of(), problems);
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.getRecordNumber() > MAX_ROWS) {
                    problems.add(new Problem(line, null, "at most " + MAX_ROWS + " rows per import"));
                    break;
                }
                Row row = new Row(record, columns, line, problems);
                String sku = row.text("sku", 64, true);
                String name = row.text("name", 200, true);
                String unit = row.text("unit", 40, true);
                String description = row.text("description", 20_000, false);
                BigDecimal taxRate = row.decimal("taxrate", true, BigDecimal.ZERO, new BigDecimal("100"), 2);
                String active = row.text("active", 5, false);
                if (active != null && !active.equalsIgnoreCase("true") && !active.equalsIgnoreCase("false")) {
                    row.problem("active", "must be true or false");
                }
                BigDecimal price = row.decimal("price", false, BigDecimal.ZERO, null, 4);
                BigDecimal minQuantity = row.decimal("minquantity", false, new BigDecimal("0.0001"), null, 4);
                if (!row.ok) {
                    continue;
                }
                String key = sku.toLowerCase(Locale.ROOT);
                Item item = new Item(
                        sku,
                        name,
                        description,
                        unit,
                        taxRate,
                        active == null || Boolean.parseBoolean(active),
                        new LinkedHashMap<>());
                Item earlier = bySku.putIfAbsent(key, item);
                if (earlier != null) {
                    if (!earlier.name().equals(name)
                            || !earlier.unit().equals(unit)
                            || earlier.taxRate().compareTo(taxRate) != 0) {
                        problems.add(new Problem(
                                line,
                                "sku",
                                "SKU " + sku + " is on line " + firstLine.get(key)
                                        + " with another name, unit or tax rate"));
                        continue;
                    }
                    item = earlier;
                } else {
                    firstLine.put(key, line);
                }
                if (price != null) {
                    BigDecimal from = minQuantity == null ? BigDecimal.ONE : minQuantity;
                    if (item.prices().putIfAbsent(from.stripTrailingZeros(), price) != null) {
                        problems.add(new Problem(
                                line,
                                "minQuantity",
                                "SKU " + sku + " has a price from " + from.toPlainString() + " on an earlier line"));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // a broken quote or a row longer than the header: what Commons CSV says, with its line
            problems.add(new Problem(0, null, "not readable as CSV: " + e.getMessage()));
        }
        return new Result(problems.isEmpty() ? List.copyOf(bySku.values()) : List.of(), problems);
    }

    /** A semicolon when the header has more of them than commas (what spreadsheets in Germany write). */
    private static char delimiter(String csv) {
        int end = csv.indexOf('\n');
        String header = end < 0 ? csv : csv.substring(0, end);
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }

    /** One record's values, the problems going into the shared list with the record's line. */
    private static final class Row {
        final CSVRecord record;
        final Map<String, String> columns;
        final long line;
        final List<Problem> problems;
        boolean ok = true;

        Row(CSVRecord record, Map<String, String> columns, long line, List<Problem> problems) {
            this.record = record;
            this.columns = columns;
            this.line = line;
            this.problems = problems;
        }

        String text(String column, int max, boolean required) {
            String header = columns.get(column);
            String value = header == null || !record.isSet(header) ? null : record.get(header);
            if (value == null || value.isBlank()) {
                if (required) {
                    problem(column, "is required");
                }
                return null;
            }
            if (value.length() > max) {
                problem(column, "is longer than " + max + " characters");
            }
            return value;
        }

        BigDecimal decimal(String column, boolean required, BigDecimal min, BigDecimal max, int scale) {
            String text = text(column, 40, required);
            if (text == null) {
                return null;
            }
            String normal = text.contains(",") && !text.contains(".") ? text.replace(',', '.') : text;
            try {
                BigDecimal value = new BigDecimal(normal);
                if (value.compareTo(min) < 0
                        || (max != null && value.compareTo(max) > 0)
                        || value.stripTrailingZeros().scale() > 4) {
                    problem(
                            column,
                            "must be from " + min.toPlainString() + (max == null ? "" : " to " + max)
                                    + " with at most 4 decimals");
                    return null;
                }
                return value;
            } catch (NumberFormatException e) {
                problem(column, "is not a number: " + text);
                return null;
            }
        }

        void problem(String column, String message) {
            ok = false;
            problems.add(new Problem(line, columns.getOrDefault(column, column), message));
        }
    }
}

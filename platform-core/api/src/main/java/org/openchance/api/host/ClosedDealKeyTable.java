package org.openchance.api.host;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Keys of deals that a plugin keeps in a table of its own schema (see {@code PluginStorage}): one row per deal and key
 * (a primary key says so), e.g. the competitors in each deal; a table with {@link #since}/{@link #until} columns may
 * hold a pair in several rows (stretches of time), each counted once. {@link OpportunityReader#closedTotals(ClosedDealQuery, ClosedDealKeyTable)} groups
 * by them where they are, in the database, instead of receiving every pair through the plugin.
 */
public final class ClosedDealKeyTable {

    /** A plain lower-case SQL name: what the host quotes and reads in the calling plugin's schema only. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String table;
    private final String dealColumn;
    private final String keyColumn;
    private final String since;
    private final String until;

    private ClosedDealKeyTable(String table, String dealColumn, String keyColumn, String since, String until) {
        this.table = checked(table, "table");
        this.dealColumn = checked(dealColumn, "dealColumn");
        this.keyColumn = checked(keyColumn, "keyColumn");
        this.since = since == null ? null : checked(since, "since");
        this.until = until == null ? null : checked(until, "until");
    }

    /**
     * @param table      a table of the plugin's own schema, each pair of deal and key in one row at most (say, its
     *     primary key): a pair in two rows would count its deal twice in that group
     * @param dealColumn its column of opportunity ids ({@code uuid})
     * @param keyColumn  its column of keys (any type; the groups' keys are its values as text)
     * @throws IllegalArgumentException when a name is not a plain lower-case SQL name
     */
    public static ClosedDealKeyTable of(String table, String dealColumn, String keyColumn) {
        return new ClosedDealKeyTable(table, dealColumn, keyColumn, null, null);
    }

    /**
     * The table's column of when each row was made ({@code timestamptz}): for a query {@link ClosedDealQuery#asOf as
     * of} a past day, rows made after it do not count.
     */
    public ClosedDealKeyTable since(String column) {
        return new ClosedDealKeyTable(table, dealColumn, keyColumn, column, until);
    }

    /**
     * The table's column of when each row stopped holding ({@code timestamptz}, null while it holds): for a query
     * {@link ClosedDealQuery#asOf as of} a past day, rows that had stopped by then do not count; queries of now read the rows without an end.
     */
    public ClosedDealKeyTable until(String column) {
        return new ClosedDealKeyTable(table, dealColumn, keyColumn, since, column);
    }

    public String table() {
        return table;
    }

    public String dealColumn() {
        return dealColumn;
    }

    public String keyColumn() {
        return keyColumn;
    }

    /** Null when the rows have no time. */
    public String since() {
        return since;
    }

    /** Null when the rows have no end. */
    public String until() {
        return until;
    }

    private static String checked(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a lower-case SQL name, not '" + name + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return "ClosedDealKeyTable[" + table + "(" + dealColumn + ", " + keyColumn + ")]";
    }
}

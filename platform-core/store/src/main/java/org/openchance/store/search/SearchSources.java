package org.openchance.store.search;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What search reads from PostgreSQL, the source of truth: the records it projects (by id for the indexer, in id order
 * for a rebuild), the records whose documents show a parent's data, the rebuilds in progress, and the lock that keeps
 * one rebuild of a type at a time. One statement per type and batch, whatever the number of records. Plain JDBC: the
 * indexer runs outside any transaction and reports {@link SQLException}s as failed documents.
 */
public final class SearchSources {

    private static final String OPPORTUNITIES = """
            select o.id, o.version + a.version as doc_version, o.deleted_at is not null as deleted,
                   o.name, o.description, a.name as account_name, a.industry, o.account_id, o.owner_id, o.stage_id,
                   o.status, o.amount, o.amount_currency, o.expected_close_date,
                   array(select t.user_id::text from opportunity_team_member t where t.opportunity_id = o.id) as team
            from opportunity o join account a on a.id = o.account_id""";

    /**
     * In the {@code deal_readers} of an account, a contact or an account's own activity: the record has a live deal,
     * so whoever reads every deal reads it too (the implicit read through deals of {@code AccountAccess}).
     */
    public static final String WITH_DEALS = "+deals";

    /**
     * Who reads an account (or a contact, or an account's own activity) through its live deals: the deals' owners and
     * team members (a partner among them is in the sight of their manager; partners themselves search deals only), and
     * {@link #WITH_DEALS} if there is any such deal. Each source is a {@code from ... where ...} of deals as {@code vo};
     * one union part per source rather than an {@code or}, so that each uses its index.
     */
    private static String dealReaders(DealSource... sources) {
        List<String> parts = new ArrayList<>();
        List<String> any = new ArrayList<>();
        for (DealSource d : sources) {
            String where = " where " + d.where() + " and vo.deleted_at is null";
            parts.add("select vo.owner_id::text from " + d.from() + where);
            parts.add("select vt.user_id::text from " + d.from()
                    + " join opportunity_team_member vt on vt.opportunity_id = vo.id" + where);
            any.add("exists (select 1 from " + d.from() + where + ")");
        }
        parts.add("select '" + WITH_DEALS + "' where " + String.join(" or ", any));
        return "array(" + String.join(" union ", parts) + ")";
    }

    /** Deals as {@code vo}: the tables and the condition that find them. */
    private record DealSource(String from, String where) {}

    /** An account's deals ({@code account} is its id column). */
    private static DealSource dealsOfAccount(String account) {
        return new DealSource("opportunity vo", "vo.account_id = " + account);
    }

    /**
     * The version of a document that shows who reads it through deals (accounts, contacts, activities): the time
     * PostgreSQL took the statement's snapshot, in microseconds. No record's version counts up when a deal's team
     * changes (nor when a contact moves to an account of a lower version), but a later read always saw the later
     * state: the newest read wins, whichever indexer (or rebuild, or server: one database clock) writes last.
     */
    private static final String READ_TIME = "(extract(epoch from statement_timestamp()) * 1000000)::bigint";

    private static final String ACCOUNTS = """
            select a.id, %s as doc_version, a.deleted_at is not null as deleted,
                   a.name, a.industry, a.country, a.website, a.owner_id, %s as deal_readers
            from account a""".formatted(READ_TIME, dealReaders(dealsOfAccount("a.id")));

    private static final String CONTACTS = """
            select c.id, %s as doc_version, c.deleted_at is not null as deleted,
                   c.first_name, c.last_name, c.title, c.email, c.account_id, a.name as account_name, a.owner_id,
                   %s as deal_readers
            from contact c left join account a on a.id = c.account_id""".formatted(
                    READ_TIME,
                    dealReaders(
                            dealsOfAccount("c.account_id"),
                            new DealSource(
                                    "opportunity_contact voc join opportunity vo on vo.id = voc.opportunity_id",
                                    "voc.contact_id = c.id")));

    private static final String ACTIVITIES = """
            select x.id, %s as doc_version,
                   x.deleted_at is not null or o.deleted_at is not null as deleted,
                   x.type as activity_type, x.subject, x.body, x.outcome, x.occurred_at, x.author_id,
                   x.account_id, x.opportunity_id,
                   coalesce(o.owner_id, a.owner_id) as owner_id,
                   array(select t.user_id::text from opportunity_team_member t where t.opportunity_id = x.opportunity_id) as team,
                   case when x.opportunity_id is null then %s end as deal_readers
            from activity x join account a on a.id = x.account_id left join opportunity o on o.id = x.opportunity_id""".formatted(READ_TIME, dealReaders(dealsOfAccount("a.id")));

    /** How one type is read: its table (for counting), the alias of that table in its select, and the select. */
    private record Projection(String table, String alias, String select) {}

    private static final Map<SourceType, Projection> PROJECTIONS = Map.of(
            SourceType.OPPORTUNITY, new Projection("opportunity", "o", OPPORTUNITIES),
            SourceType.ACCOUNT, new Projection("account", "a", ACCOUNTS),
            SourceType.CONTACT, new Projection("contact", "c", CONTACTS),
            SourceType.ACTIVITY, new Projection("activity", "x", ACTIVITIES));

    /** The records whose documents show data of a parent record, by what the parent is. */
    public enum Children {
        /** An opportunity's activities: they carry who may see the opportunity. */
        ACTIVITIES_OF_OPPORTUNITIES(
                SourceType.ACTIVITY,
                "select opportunity_id, id from activity where opportunity_id = any(?) and deleted_at is null"),
        /** An account's opportunities: they show its name and industry. */
        OPPORTUNITIES_OF_ACCOUNTS(
                SourceType.OPPORTUNITY, "select account_id, id from opportunity where account_id = any(?)"),
        /** An account's contacts: they show its name and owner. */
        CONTACTS_OF_ACCOUNTS(SourceType.CONTACT, "select account_id, id from contact where account_id = any(?)"),
        /** An account's own activities and its opportunities': they show its owner. */
        ACTIVITIES_OF_ACCOUNTS(
                SourceType.ACTIVITY,
                "select account_id, id from activity where account_id = any(?) and deleted_at is null"),
        /** An opportunity's account: who works the deal reads the account. */
        ACCOUNTS_OF_OPPORTUNITIES(SourceType.ACCOUNT, "select id, account_id from opportunity where id = any(?)"),
        /** The contacts of an opportunity's account and those on the deal: they are read with the deal. */
        CONTACTS_OF_OPPORTUNITIES(
                SourceType.CONTACT,
                "select o.id, c.id from opportunity o join contact c on c.account_id = o.account_id"
                        + " where o.id = any(?) union select oc.opportunity_id, oc.contact_id from opportunity_contact oc"
                        + " where oc.opportunity_id = any(?)"),
        /** The own activities of an opportunity's account: read like the account. */
        OWN_ACTIVITIES_OF_OPPORTUNITIES_ACCOUNTS(
                SourceType.ACTIVITY,
                "select o.id, x.id from opportunity o join activity x on x.account_id = o.account_id"
                        + " and x.opportunity_id is null and x.deleted_at is null where o.id = any(?)");

        private final SourceType type;
        private final String sql;

        Children(SourceType type, String sql) {
            this.type = type;
            this.sql = sql;
        }

        public SourceType type() {
            return type;
        }
    }

    private final DataSource database;

    public SearchSources(DataSource database) {
        this.database = database;
    }

    /** The running rebuilds (by the index's type key, e.g. {@code opportunity}) and the rows of these ids, on one connection. */
    public Batch load(Map<SourceType, ? extends Collection<UUID>> ids) throws SQLException {
        try (Connection db = database.getConnection()) {
            // the builds first: read after the events were claimed, so a rebuild announced before them is seen here
            Map<String, String> builds = builds(db);
            List<SourceRow> rows = new ArrayList<>();
            for (Map.Entry<SourceType, ? extends Collection<UUID>> entry : ids.entrySet()) {
                Projection projection = PROJECTIONS.get(entry.getKey());
                try (PreparedStatement s =
                        db.prepareStatement(projection.select() + " where " + projection.alias() + ".id = any(?)")) {
                    s.setArray(1, db.createArrayOf("uuid", entry.getValue().toArray()));
                    rows.addAll(read(entry.getKey(), s));
                }
            }
            return new Batch(builds, rows);
        }
    }

    /** What {@link #load} read: the rebuilds in progress and the rows that exist (soft-deleted ones flagged). */
    public record Batch(Map<String, String> builds, List<SourceRow> rows) {}

    /** Up to {@code limit} rows with ids after {@code after} (null: from the start), in id order. */
    public List<SourceRow> page(SourceType type, UUID after, int limit) throws SQLException {
        Projection projection = PROJECTIONS.get(type);
        String alias = projection.alias();
        String sql = projection.select() + (after == null ? "" : " where " + alias + ".id > ?") + " order by " + alias
                + ".id limit " + limit;
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(sql)) {
            if (after != null) {
                s.setObject(1, after);
            }
            return read(type, s);
        }
    }

    /** How many records of the type there are (for a progress bar). */
    public long count(SourceType type) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(
                        "select count(*) from " + PROJECTIONS.get(type).table());
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The children of these parents, by parent id. */
    public Map<UUID, List<UUID>> children(Children kind, Collection<UUID> parents) throws SQLException {
        Map<UUID, List<UUID>> children = new HashMap<>();
        if (parents.isEmpty()) {
            return children;
        }
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(kind.sql)) {
            Array ids = db.createArrayOf("uuid", parents.toArray());
            for (int i = 1; i <= kind.sql.chars().filter(c -> c == '?').count(); i++) {
                s.setArray(i, ids); // every placeholder of a kind's statement is the parents
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    children.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                }
            }
        }
        return children;
    }

    /** Announces a rebuild of the type into {@code index}: from the next batch on, every indexer writes there too. */
    public void startBuild(String typeKey, String index) throws SQLException {
        update(
                "insert into search_index_build (doc_type, index_name) values (?, ?)"
                        + " on conflict (doc_type) do update set index_name = excluded.index_name, started_at = now()",
                typeKey,
                index);
    }

    public void endBuild(String typeKey) throws SQLException {
        update("delete from search_index_build where doc_type = ?", typeKey);
    }

    /**
     * Runs {@code work} while holding a PostgreSQL advisory lock of this name (waiting for it): one at a time across
     * servers and the command line.
     */
    public <T> T whileLocked(String name, LockedWork<T> work) throws IOException, SQLException {
        try (Connection lock = database.getConnection()) {
            try (PreparedStatement s = lock.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
                s.setString(1, name);
                s.execute();
            }
            try {
                return work.run();
            } finally {
                try (PreparedStatement s = lock.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                    s.setString(1, name);
                    s.execute();
                }
            }
        }
    }

    /**
     * Runs {@code work} if no one holds the PostgreSQL advisory lock of this name, holding it meanwhile; empty, at
     * once, when another server (or command) holds it: for work an admin starts, who should hear that it runs already
     * rather than wait for it.
     */
    public <T> Optional<T> ifUnlocked(String name, LockedWork<T> work) throws IOException, SQLException {
        try (Connection lock = database.getConnection()) {
            try (PreparedStatement s = lock.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
            }
            try {
                return Optional.of(work.run());
            } finally {
                try (PreparedStatement s = lock.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                    s.setString(1, name);
                    s.execute();
                }
            }
        }
    }

    /** Work done under {@link #whileLocked}: a rebuild, which reads PostgreSQL and writes Elasticsearch. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run() throws IOException, SQLException;
    }

    private static Map<String, String> builds(Connection db) throws SQLException {
        Map<String, String> builds = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("select doc_type, index_name from search_index_build");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                builds.put(rs.getString(1), rs.getString(2));
            }
        }
        return builds;
    }

    private void update(String sql, String... values) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
            if (!db.getAutoCommit()) {
                db.commit();
            }
        }
    }

    private static List<SourceRow> read(SourceType type, PreparedStatement s) throws SQLException {
        List<SourceRow> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> columns = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.put(meta.getColumnLabel(i), plain(rs.getObject(i)));
                }
                rows.add(new SourceRow(
                        type,
                        rs.getObject("id", UUID.class),
                        rs.getLong("doc_version"),
                        rs.getBoolean("deleted"),
                        columns));
            }
        }
        return rows;
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof UUID || value instanceof Date) {
            return value.toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Array array) {
            List<String> values = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                values.add(element == null ? null : element.toString());
            }
            return values;
        }
        return value;
    }
}

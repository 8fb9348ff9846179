package org.openchance.plugins.competitors;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.api.model.NameKey;
import org.openchance.api.storage.PluginStorage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The plugin's tables: competitors, the competitors of each deal, and what happened to each competitor record. Every
 * change is one transaction of its own and claims the version it was made on.
 */
@Component(service = CompetitorStore.class)
public class CompetitorStore {

    /** A change refused by the data as it is now: the message names the field. */
    static final class Refused extends Exception {
        final String code;
        final String field;

        Refused(String code, String field, String message) {
            super(message);
            this.code = code;
            this.field = field;
        }
    }

    /** A unit of work on one connection, committed when it returns and rolled back when it throws. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection db) throws SQLException, Refused;
    }

    private static final String COLUMNS = "id, name, website, description, strengths, weaknesses, opportunities,"
            + " threats, price_position, tags, archived_at, merged_into, version, created_at, updated_at";
    private static final String LINK_COLUMNS = "opportunity_id, competitor_id, status, threat_level, incumbent,"
            + " price_amount, price_currency, price_position, strengths, weaknesses, note, version";

    private final DataSource database;

    @Activate
    public CompetitorStore(@Reference PluginStorage storage) {
        this.database = storage.dataSource();
    }

    <T> T inTransaction(Work<T> work) throws SQLException, Refused {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try {
                T result = work.run(db);
                db.commit();
                return result;
            } catch (SQLException e) {
                db.rollback();
                if ("23505".equals(e.getSQLState())
                        && String.valueOf(e.getMessage()).contains("competitor_name")) {
                    // two saves of one name at once: the unique index decides, the loser hears it like the check says
                    throw new Refused("VALIDATION", "input.name", "a competitor of this name exists");
                }
                throw e;
            } catch (Refused | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    Optional<Competitor> find(UUID id) throws SQLException {
        try (Connection db = database.getConnection()) {
            return find(db, id, false);
        }
    }

    /** Several competitors by id (merged ones included: their links and close records still name them). */
    Map<UUID, Competitor> find(Collection<UUID> ids) throws SQLException {
        Map<UUID, Competitor> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement("select " + COLUMNS + " from competitor where id = any(?)")) {
            s.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Competitor c = competitor(rs);
                    found.put(c.id(), c);
                }
            }
        }
        return found;
    }

    /**
     * The live competitor of this name (after folding), or a new one named so when there is none: for winners that
     * closes name as free text. Two at once for one name end with the same competitor.
     */
    Competitor findOrCreate(String name, String description) throws SQLException {
        Optional<Competitor> found = findByName(name);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return create(
                    new Competitor(
                            UUID.randomUUID(),
                            name.trim(),
                            null,
                            description,
                            null,
                            null,
                            null,
                            null,
                            null,
                            List.of(),
                            null,
                            null,
                            1,
                            null,
                            null),
                    null);
        } catch (Refused taken) {
            return findByName(name).orElseThrow(() -> new SQLException(taken.getMessage()));
        }
    }

    /** Every competitor, merged and archived ones included: for analysis (a company has dozens, not millions). */
    List<Competitor> all() throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement("select " + COLUMNS + " from competitor")) {
            List<Competitor> all = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(competitor(rs));
                }
            }
            return all;
        }
    }

    /** The live (not merged) competitor with this name after folding. */
    Optional<Competitor> findByName(String name) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(
                        "select " + COLUMNS + " from competitor where name_key = ? and merged_into is null")) {
            s.setString(1, NameKey.of(name));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(competitor(rs)) : Optional.empty();
            }
        }
    }

    /**
     * One page by name (then id), after the given key; merged competitors never, archived ones only when asked.
     *
     * @param text part of the name (folded), or null
     * @param tag  only those with this tag (ignoring case), or null
     */
    List<Competitor> page(String text, String tag, boolean archived, String afterKey, UUID afterId, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from competitor where merged_into is null");
        List<Object> args = new ArrayList<>();
        where(sql, args, text, tag, archived);
        if (afterKey != null) {
            sql.append(" and (name_key, id) > (?, ?)");
            args.add(afterKey);
            args.add(afterId);
        }
        sql.append(" order by name_key, id limit ?");
        args.add(limit);
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(sql.toString())) {
            bind(s, args);
            List<Competitor> page = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    page.add(competitor(rs));
                }
            }
            return page;
        }
    }

    int count(String text, String tag, boolean archived) throws SQLException {
        StringBuilder sql = new StringBuilder("select count(*) from competitor where merged_into is null");
        List<Object> args = new ArrayList<>();
        where(sql, args, text, tag, archived);
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(sql.toString())) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void where(StringBuilder sql, List<Object> args, String text, String tag, boolean archived) {
        if (!archived) {
            sql.append(" and archived_at is null");
        }
        if (text != null && !text.isBlank()) {
            sql.append(" and strpos(name_key, ?) > 0");
            args.add(NameKey.of(text));
        }
        if (tag != null && !tag.isBlank()) {
            sql.append(" and exists (select 1 from unnest(tags) t where lower(t) = lower(?))");
            args.add(tag.trim());
        }
    }

    Competitor create(Competitor c, String by) throws SQLException, Refused {
        return inTransaction(db -> {
            requireFreeName(db, c.name(), null);
            try (PreparedStatement s = db.prepareStatement("insert into competitor (id, name, name_key, website,"
                    + " description, strengths, weaknesses, opportunities, threats, price_position, tags)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setObject(1, c.id());
                s.setString(2, c.name());
                s.setString(3, NameKey.of(c.name()));
                texts(s, 4, c);
                s.setArray(11, db.createArrayOf("text", c.tags().toArray()));
                s.executeUpdate();
            }
            history(db, c.id(), "created", c.name(), by);
            return find(db, c.id(), false).orElseThrow();
        });
    }

    /** Saves the changed competitor if it is still at {@code expectedVersion}. */
    Competitor update(Competitor c, int expectedVersion, String by) throws SQLException, Refused {
        return inTransaction(db -> {
            Competitor current = live(db, c.id());
            claim(current.version(), expectedVersion);
            requireFreeName(db, c.name(), c.id());
            try (PreparedStatement s = db.prepareStatement("update competitor set name = ?, name_key = ?, website = ?,"
                    + " description = ?, strengths = ?, weaknesses = ?, opportunities = ?, threats = ?,"
                    + " price_position = ?, tags = ?, version = version + 1, updated_at = now() where id = ?")) {
                s.setString(1, c.name());
                s.setString(2, NameKey.of(c.name()));
                s.setString(3, c.website());
                s.setString(4, c.description());
                s.setString(5, c.strengths());
                s.setString(6, c.weaknesses());
                s.setString(7, c.opportunities());
                s.setString(8, c.threats());
                s.setString(9, c.pricePosition());
                s.setArray(10, db.createArrayOf("text", c.tags().toArray()));
                s.setObject(11, c.id());
                s.executeUpdate();
            }
            history(
                    db,
                    c.id(),
                    "updated",
                    current.name().equals(c.name()) ? null : current.name() + " -> " + c.name(),
                    by);
            return find(db, c.id(), false).orElseThrow();
        });
    }

    /** Archives (or brings back) a competitor: kept with its links, not offered for new deals. */
    Competitor archive(UUID id, int expectedVersion, boolean archived, String by) throws SQLException, Refused {
        return inTransaction(db -> {
            Competitor current = live(db, id);
            claim(current.version(), expectedVersion);
            try (PreparedStatement s = db.prepareStatement("update competitor set archived_at = "
                    + (archived ? "coalesce(archived_at, now())" : "null")
                    + ", version = version + 1, updated_at = now() where id = ?")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
            history(db, id, archived ? "archived" : "restored", null, by);
            return find(db, id, false).orElseThrow();
        });
    }

    /**
     * Merges {@code from} into {@code into}: every link of {@code from} moves over (where a deal has both, the one
     * already on {@code into} stays and the other's note is kept on it), {@code from} points to {@code into} from now
     * on (close records naming it resolve to {@code into}), and both histories say so.
     */
    Competitor merge(UUID into, int intoVersion, UUID from, int fromVersion, String by) throws SQLException, Refused {
        return inTransaction(db -> {
            if (into.equals(from)) {
                throw new Refused("VALIDATION", "input.sourceId", "a competitor cannot be merged into itself");
            }
            // both locked in one order, so that two merges of the same pair cannot wait for each other
            try (PreparedStatement s =
                    db.prepareStatement("select id from competitor where id in (?, ?) order by id for update")) {
                s.setObject(1, into);
                s.setObject(2, from);
                s.executeQuery().close();
            }
            Competitor target = live(db, into, "input.targetId");
            Competitor source = live(db, from, "input.sourceId");
            claim(target.version(), intoVersion, "input.targetExpectedVersion");
            claim(source.version(), fromVersion, "input.sourceExpectedVersion");
            int moved;
            int combined;
            try (PreparedStatement s = db.prepareStatement("""
                    update opportunity_competitor t set note = concat_ws(E'\\n', t.note, f.note),
                           status = case when f.status = 'WON' then 'WON' else t.status end,
                           incumbent = t.incumbent or f.incumbent, version = t.version + 1,
                           created_at = least(t.created_at, f.created_at), updated_at = now()
                    from opportunity_competitor f
                    where f.competitor_id = ? and t.competitor_id = ? and t.opportunity_id = f.opportunity_id""")) {
                s.setObject(1, from);
                s.setObject(2, into);
                combined = s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("""
                    delete from opportunity_competitor f where f.competitor_id = ? and exists (select 1
                    from opportunity_competitor t where t.competitor_id = ? and t.opportunity_id = f.opportunity_id)""")) {
                s.setObject(1, from);
                s.setObject(2, into);
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("update opportunity_competitor set competitor_id = ?,"
                    + " version = version + 1, updated_at = now() where competitor_id = ?")) {
                s.setObject(1, into);
                s.setObject(2, from);
                moved = s.executeUpdate();
            }
            try (PreparedStatement s =
                    db.prepareStatement("update removed_link set competitor_id = ? where competitor_id = ?")) {
                s.setObject(1, into);
                s.setObject(2, from);
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("update competitor set merged_into = ?, archived_at ="
                    + " coalesce(archived_at, now()), version = version + 1, updated_at = now() where id = ?")) {
                s.setObject(1, into);
                s.setObject(2, from);
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement(
                    "update competitor set version = version + 1," + " updated_at = now() where id = ?")) {
                s.setObject(1, into);
                s.executeUpdate();
            }
            // Whoever pointed at the source now points at the target: merges of merges resolve in one step.
            try (PreparedStatement s =
                    db.prepareStatement("update competitor set merged_into = ? where merged_into = ?")) {
                s.setObject(1, into);
                s.setObject(2, from);
                s.executeUpdate();
            }
            String detail = source.name() + " merged into " + target.name() + ": " + (moved + combined)
                    + " deal link(s) moved (" + combined + " combined with an existing one)";
            history(db, into, "merged", detail, by);
            history(db, from, "merged", detail, by);
            return find(db, into, false).orElseThrow();
        });
    }

    /** The competitor's history, newest first. */
    List<Map<String, Object>> history(UUID id, int limit) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement("select change, detail, changed_by, changed_at"
                        + " from competitor_history where competitor_id = ? order by id desc limit ?")) {
            s.setObject(1, id);
            s.setInt(2, limit);
            List<Map<String, Object>> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> e = new HashMap<>();
                    e.put("change", rs.getString(1));
                    e.put("detail", rs.getString(2));
                    e.put("changedBy", rs.getString(3));
                    e.put("changedAt", rs.getTimestamp(4).toInstant().toString());
                    entries.add(e);
                }
            }
            return entries;
        }
    }

    // --- the competitors of a deal ---

    List<CompetitorLink> linksOf(UUID opportunityId) throws SQLException {
        return links(
                "select " + LINK_COLUMNS + " from opportunity_competitor where opportunity_id = ?"
                        + " order by created_at, competitor_id",
                opportunityId);
    }

    /** The links of many deals, each deal's in the order they were added: one statement for a page of deals. */
    Map<UUID, List<CompetitorLink>> linksOfAll(Collection<UUID> opportunityIds) throws SQLException {
        Map<UUID, List<CompetitorLink>> byDeal = new HashMap<>();
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement("select " + LINK_COLUMNS
                        + " from opportunity_competitor where opportunity_id = any(?)"
                        + " order by opportunity_id, created_at, competitor_id")) {
            s.setArray(1, db.createArrayOf("uuid", opportunityIds.toArray()));
            for (CompetitorLink link : readLinks(s)) {
                byDeal.computeIfAbsent(link.opportunityId(), id -> new ArrayList<>())
                        .add(link);
            }
        }
        return byDeal;
    }

    /** Every link of a competitor (after merges: of the one it became). */
    List<CompetitorLink> linksTo(UUID competitorId) throws SQLException {
        return links("select " + LINK_COLUMNS + " from opportunity_competitor where competitor_id = ?", competitorId);
    }

    /**
     * The deals the competitor was in at that moment, one link each: as it is now, or as it was when taken out (a merge
     * can leave two stretches of one deal).
     */
    List<CompetitorLink> linksTo(UUID competitorId, Instant moment) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement("select " + LINK_COLUMNS
                        + " from opportunity_competitor where competitor_id = ? and created_at < ? union all select "
                        + LINK_COLUMNS + " from removed_link where competitor_id = ? and created_at < ?"
                        + " and removed_at >= ?")) {
            Timestamp then = Timestamp.from(moment);
            s.setObject(1, competitorId);
            s.setTimestamp(2, then);
            s.setObject(3, competitorId);
            s.setTimestamp(4, then);
            s.setTimestamp(5, then);
            Map<UUID, CompetitorLink> byDeal = new java.util.LinkedHashMap<>();
            readLinks(s).forEach(link -> byDeal.putIfAbsent(link.opportunityId(), link));
            return List.copyOf(byDeal.values());
        }
    }

    /**
     * Which competitors are in which deal: every link as (deal, competitor), for analysis; with a moment, those that
     * were in at that moment (links and links taken out since), else those in now.
     */
    List<UUID[]> allLinks(Instant moment) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(
                        moment == null
                                ? "select opportunity_id, competitor_id from opportunity_competitor"
                                : "select opportunity_id, competitor_id from link_span where created_at < ?"
                                        + " and (removed_at is null or removed_at >= ?)")) {
            if (moment != null) {
                s.setTimestamp(1, Timestamp.from(moment));
                s.setTimestamp(2, Timestamp.from(moment));
            }
            List<UUID[]> links = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    links.add(new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)});
                }
            }
            return links;
        }
    }

    private List<CompetitorLink> links(String sql, UUID arg) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement(sql)) {
            if (arg != null) {
                s.setObject(1, arg);
            }
            return readLinks(s);
        }
    }

    private static List<CompetitorLink> readLinks(PreparedStatement s) throws SQLException {
        List<CompetitorLink> links = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                links.add(link(rs));
            }
        }
        return links;
    }

    CompetitorLink addLink(CompetitorLink l, String by) throws SQLException, Refused {
        return inTransaction(db -> {
            Competitor c = live(db, l.competitorId(), "input.competitorId");
            if (c.archivedAt() != null) {
                throw new Refused("VALIDATION", "input.competitorId", c.name() + " is archived");
            }
            try (PreparedStatement s = db.prepareStatement("insert into opportunity_competitor (" + LINK_COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) on conflict do nothing")) {
                linkValues(s, l);
                if (s.executeUpdate() == 0) {
                    throw new Refused("VALIDATION", "input.competitorId", c.name() + " is already in this deal");
                }
            }
            return findLink(db, l.opportunityId(), l.competitorId(), false).orElseThrow();
        });
    }

    CompetitorLink updateLink(CompetitorLink l, int expectedVersion) throws SQLException, Refused {
        return inTransaction(db -> {
            CompetitorLink current = findLink(db, l.opportunityId(), l.competitorId(), true)
                    .orElseThrow(
                            () -> new Refused("NOT_FOUND", "input.competitorId", "the competitor is not in this deal"));
            claim(current.version(), expectedVersion);
            try (PreparedStatement s = db.prepareStatement("update opportunity_competitor set status = ?,"
                    + " threat_level = ?, incumbent = ?, price_amount = ?, price_currency = ?, price_position = ?,"
                    + " strengths = ?, weaknesses = ?, note = ?, version = version + 1, updated_at = now()"
                    + " where opportunity_id = ? and competitor_id = ?")) {
                s.setString(1, l.status());
                s.setString(2, l.threatLevel());
                s.setBoolean(3, l.incumbent());
                s.setBigDecimal(4, l.priceAmount());
                s.setString(5, l.priceCurrency());
                s.setString(6, l.pricePosition());
                s.setString(7, l.strengths());
                s.setString(8, l.weaknesses());
                s.setString(9, l.note());
                s.setObject(10, l.opportunityId());
                s.setObject(11, l.competitorId());
                s.executeUpdate();
            }
            return findLink(db, l.opportunityId(), l.competitorId(), false).orElseThrow();
        });
    }

    void removeLink(UUID opportunityId, UUID competitorId) throws SQLException, Refused {
        inTransaction(db -> {
            // deleted and kept with when it ended (for analysis as of a past day) in one statement: two removals at
            // once cannot both keep it
            try (PreparedStatement s = db.prepareStatement("with gone as (delete from opportunity_competitor where"
                    + " opportunity_id = ? and competitor_id = ? returning *) insert into removed_link ("
                    + LINK_COLUMNS + ", created_at, updated_at, removed_at) select " + LINK_COLUMNS
                    + ", created_at, updated_at, now() from gone")) {
                s.setObject(1, opportunityId);
                s.setObject(2, competitorId);
                if (s.executeUpdate() == 0) {
                    throw new Refused("NOT_FOUND", "input.competitorId", "the competitor is not in this deal");
                }
            }
            return null;
        });
    }

    /**
     * Adds links in one statement, leaving those that exist as they are (or, with {@code overwriteStatus}, setting
     * their status): for the import of the winners named in close records.
     *
     * @return how many were added or changed
     */
    int importLinks(List<UUID> deals, List<UUID> competitors, List<String> statuses, boolean overwriteStatus)
            throws SQLException, Refused {
        if (deals.isEmpty()) {
            return 0;
        }
        return inTransaction(db -> {
            // a competitor merged meanwhile goes in as the one it became
            try (PreparedStatement s = db.prepareStatement("insert into opportunity_competitor (opportunity_id,"
                    + " competitor_id, status) select distinct g.deal, coalesce(c.merged_into, c.id), g.status"
                    + " from unnest(?, ?, ?) g(deal, competitor, status) join competitor c on c.id = g.competitor"
                    + " on conflict (opportunity_id, competitor_id)"
                    + (overwriteStatus
                            ? " do update set status = excluded.status, version = opportunity_competitor.version + 1,"
                                    + " updated_at = now() where opportunity_competitor.status <> excluded.status"
                            : " do nothing"))) {
                s.setArray(1, db.createArrayOf("uuid", deals.toArray()));
                s.setArray(2, db.createArrayOf("uuid", competitors.toArray()));
                s.setArray(3, db.createArrayOf("text", statuses.toArray()));
                int changed = s.executeUpdate();
                try (PreparedStatement imported = db.prepareStatement("insert into imported_close (opportunity_id)"
                        + " select distinct unnest(?) on conflict do nothing")) {
                    imported.setArray(1, db.createArrayOf("uuid", deals.toArray()));
                    imported.executeUpdate();
                }
                return changed;
            }
        });
    }

    /** The deals whose winner was put into the deal once: a link a user removed since is not brought back. */
    java.util.Set<UUID> importedCloses() throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement s = db.prepareStatement("select opportunity_id from imported_close")) {
            java.util.Set<UUID> ids = new java.util.HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** A close: the competitors still in play (all but the winner) lost. */
    void closeLinks(UUID opportunityId, UUID winner) throws SQLException, Refused {
        inTransaction(db -> {
            try (PreparedStatement s = db.prepareStatement("update opportunity_competitor set status = 'LOST',"
                    + " version = version + 1, updated_at = now() where opportunity_id = ? and status = 'IN_PLAY'"
                    + " and competitor_id <> ?")) {
                s.setObject(1, opportunityId);
                s.setObject(2, winner == null ? new UUID(0, 0) : winner);
                return s.executeUpdate();
            }
        });
    }

    /** A reopened deal: who won or lost it is in play again (the eliminated stay out). */
    void reopenLinks(UUID opportunityId) throws SQLException, Refused {
        inTransaction(db -> {
            try (PreparedStatement s = db.prepareStatement("update opportunity_competitor set status = 'IN_PLAY',"
                    + " version = version + 1, updated_at = now() where opportunity_id = ?"
                    + " and status in ('WON', 'LOST')")) {
                s.setObject(1, opportunityId);
                return s.executeUpdate();
            }
        });
    }

    // --- helpers ---

    private Optional<CompetitorLink> findLink(Connection db, UUID opportunityId, UUID competitorId, boolean lock)
            throws SQLException {
        try (PreparedStatement s = db.prepareStatement("select " + LINK_COLUMNS
                + " from opportunity_competitor where opportunity_id = ? and competitor_id = ?"
                + (lock ? " for update" : ""))) {
            s.setObject(1, opportunityId);
            s.setObject(2, competitorId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(link(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<Competitor> find(Connection db, UUID id, boolean lock) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "select " + COLUMNS + " from competitor where id = ?" + (lock ? " for update" : ""))) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(competitor(rs)) : Optional.empty();
            }
        }
    }

    private static Competitor live(Connection db, UUID id) throws SQLException, Refused {
        return live(db, id, "input.id");
    }

    /** The competitor, locked for the change; merged ones are gone (NOT_FOUND). */
    private static Competitor live(Connection db, UUID id, String field) throws SQLException, Refused {
        Competitor c = find(db, id, true).orElse(null);
        if (c == null || c.mergedInto() != null) {
            throw new Refused("NOT_FOUND", field, "no such competitor");
        }
        return c;
    }

    private static void claim(int version, int expected) throws Refused {
        claim(version, expected, "input.expectedVersion");
    }

    private static void claim(int version, int expected, String field) throws Refused {
        if (version != expected) {
            throw new Refused(
                    "VERSION_CONFLICT",
                    field,
                    "changed meanwhile: version " + version + ", not " + expected + "; reload and try again");
        }
    }

    private static void requireFreeName(Connection db, String name, UUID self) throws SQLException, Refused {
        try (PreparedStatement s = db.prepareStatement(
                "select name from competitor where name_key = ? and merged_into is null and id <> ?")) {
            s.setString(1, NameKey.of(name));
            s.setObject(2, self == null ? new UUID(0, 0) : self);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    throw new Refused("VALIDATION", "input.name", "a competitor named " + rs.getString(1) + " exists");
                }
            }
        }
    }

    private static void history(Connection db, UUID id, String change, String detail, String by) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "insert into competitor_history (competitor_id, change, detail, changed_by) values (?, ?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, change);
            s.setString(3, detail);
            s.setString(4, by);
            s.executeUpdate();
        }
    }

    private static void texts(PreparedStatement s, int from, Competitor c) throws SQLException {
        s.setString(from, c.website());
        s.setString(from + 1, c.description());
        s.setString(from + 2, c.strengths());
        s.setString(from + 3, c.weaknesses());
        s.setString(from + 4, c.opportunities());
        s.setString(from + 5, c.threats());
        s.setString(from + 6, c.pricePosition());
    }

    private static void linkValues(PreparedStatement s, CompetitorLink l) throws SQLException {
        s.setObject(1, l.opportunityId());
        s.setObject(2, l.competitorId());
        s.setString(3, l.status());
        s.setString(4, l.threatLevel());
        s.setBoolean(5, l.incumbent());
        s.setBigDecimal(6, l.priceAmount());
        s.setString(7, l.priceCurrency());
        s.setString(8, l.pricePosition());
        s.setString(9, l.strengths());
        s.setString(10, l.weaknesses());
        s.setString(11, l.note());
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static Competitor competitor(ResultSet rs) throws SQLException {
        Array tags = rs.getArray(10);
        Timestamp archived = rs.getTimestamp(11);
        return new Competitor(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                archived == null ? null : archived.toInstant(),
                rs.getObject(12, UUID.class),
                rs.getInt(13),
                rs.getTimestamp(14).toInstant(),
                rs.getTimestamp(15).toInstant());
    }

    private static CompetitorLink link(ResultSet rs) throws SQLException {
        return new CompetitorLink(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getBoolean(5),
                rs.getBigDecimal(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getInt(12));
    }
}

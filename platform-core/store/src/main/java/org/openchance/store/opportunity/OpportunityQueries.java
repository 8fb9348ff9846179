package org.openchance.store.opportunity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.openchance.store.money.AmountBound;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.PageRows;
import org.openchance.store.page.Where;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Opportunity lists: the filter as SQL, pages by keyset; and the id lists background work walks. */
public final class OpportunityQueries {

    private final KeysetQuery query;
    private final JdbcTemplate jdbc;

    public OpportunityQueries(KeysetQuery query, DataSource dataSource) {
        this.query = query;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The ids of the accounts' opportunities (not deleted). */
    public List<UUID> idsOfAccounts(Collection<UUID> accountIds) {
        return jdbc.queryForList(
                "select id from opportunity where account_id = any(?) and deleted_at is null", UUID.class, (Object)
                        accountIds.toArray(UUID[]::new));
    }

    /**
     * Up to {@code limit} closed (won or lost, not deleted) opportunities' ids the viewer may see, after {@code after}
     * (null: from the start).
     */
    public List<UUID> closedIds(Viewer viewer, UUID after, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("after", after);
        params.put("limit", limit);
        return new NamedParameterJdbcTemplate(jdbc)
                .queryForList(
                        "select id from opportunity where status <> 'OPEN' and deleted_at is null"
                                + " and (cast(:after as uuid) is null or id > cast(:after as uuid)) and "
                                + OpportunityAccess.readable(viewer, "opportunity", params)
                                + " order by id limit :limit",
                        params,
                        UUID.class);
    }

    /** A page of the opportunities the viewer may see that match the filter. */
    public PageRows page(Viewer viewer, OpportunityFilter filter, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        return query.page("opportunity", where(viewer, filter, params), params, page);
    }

    /** How many opportunities the viewer may see match the filter. */
    public long count(Viewer viewer, OpportunityFilter filter) {
        Map<String, Object> params = new HashMap<>();
        return query.count("opportunity", where(viewer, filter, params), params);
    }

    /**
     * The first page of each account's opportunities the viewer may see that match the filter (its account left
     * out), in one statement: a list of accounts with their deals.
     */
    public Map<UUID, PageRows> firstPagesByAccount(
            Viewer viewer, OpportunityFilter filter, Collection<UUID> accounts, PageRequest page) {
        return query.firstPages("opportunity", "account_id", accounts, condition(viewer, filter), page);
    }

    /** How many opportunities of each account the viewer may see match the filter, in one statement. */
    public Map<UUID, Long> countsByAccount(Viewer viewer, OpportunityFilter filter, Collection<UUID> accounts) {
        return query.counts("opportunity", "account_id", accounts, condition(viewer, filter));
    }

    private static Where condition(Viewer viewer, OpportunityFilter filter) {
        Map<String, Object> params = new HashMap<>();
        return new Where().and(where(viewer, filter, params), params);
    }

    private static String where(Viewer viewer, OpportunityFilter filter, Map<String, Object> params) {
        return where(filter, params) + " and " + OpportunityAccess.readable(viewer, "opportunity", params);
    }

    /**
     * Open and longer in its stage than the stage allows: more than {@code stalled_after_days} whole days, the same
     * rule as {@code Opportunity.stalled}.
     */
    private static final String STALLED = "(status = 'OPEN' and exists (select 1 from stage s where s.id = stage_id"
            + " and s.stalled_after_days is not null and stage_entered_at <= now() - make_interval(days => s.stalled_after_days + 1)))";

    static String where(OpportunityFilter f, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add(f.deleted() ? "deleted_at is not null" : "deleted_at is null");
        add(
                conditions,
                params,
                "status = :status",
                "status",
                f.status() == null ? null : f.status().name());
        if (f.stageIds() != null && !f.stageIds().isEmpty()) {
            add(conditions, params, "stage_id in (:stageIds)", "stageIds", f.stageIds());
        }
        if (f.ownerIds() != null && !f.ownerIds().isEmpty()) {
            add(conditions, params, "owner_id in (:ownerIds)", "ownerIds", f.ownerIds());
        }
        add(conditions, params, "account_id = :accountId", "accountId", f.accountId());
        add(conditions, params, "expected_close_date >= :closeDateFrom", "closeDateFrom", f.closeDateFrom());
        add(conditions, params, "expected_close_date <= :closeDateTo", "closeDateTo", f.closeDateTo());
        if (f.amountBounds() != null) {
            conditions.add(AmountBound.sql(f.amountBounds(), "", params));
        }
        if (f.stalled() != null) {
            conditions.add((f.stalled() ? "" : "not ") + STALLED);
        }
        return String.join(" and ", conditions);
    }

    private static void add(
            List<String> conditions, Map<String, Object> params, String sql, String name, Object value) {
        if (value != null) {
            conditions.add(sql);
            params.put(name, value);
        }
    }
}

package org.openchance.store.activity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.api.model.ActivitySnapshot;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.openchance.store.page.FilteredList;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;
import org.springframework.jdbc.core.JdbcTemplate;

/** Timelines: the activities of an opportunity or an account, newest first, pages by keyset. */
public final class ActivityQueries extends FilteredList<ActivityQueries.Filter> {

    /** Newest first, as a timeline reads. */
    public static final List<SortKey> NEWEST_FIRST =
            List.of(new SortKey("occurred_at", SortKey.ValueType.TIMESTAMP, true), SortKey.id(true));

    /**
     * Which activities a timeline shows. At most one of {@code opportunityId} (its activities) and {@code accountId}
     * (the account's own and those of its opportunities), neither for the timelines of many opportunities at once
     * ({@link #firstPages} by {@code opportunity_id}); the rest null or empty means "any". Deleted ones never.
     */
    public record Filter(
            Viewer viewer,
            UUID opportunityId,
            UUID accountId,
            List<String> types,
            OffsetDateTime from,
            OffsetDateTime to) {

        public Filter {
            if (opportunityId != null && accountId != null) {
                throw new IllegalArgumentException("a timeline is of one opportunity or of one account");
            }
        }
    }

    private final JdbcTemplate jdbc;

    public ActivityQueries(KeysetQuery query, DataSource dataSource) {
        super(query, "activity");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The opportunity's latest activities (at most {@code limit}), newest first: what plugins read. */
    public List<ActivitySnapshot> latest(UUID opportunityId, int limit) {
        return jdbc.query(
                """
                select id, opportunity_id, account_id, type, subject, body, outcome, occurred_at from activity
                where opportunity_id = ? and deleted_at is null
                order by occurred_at desc nulls last, id desc nulls last limit ?""",
                (rs, i) -> ActivitySnapshot.builder()
                        .id(rs.getObject("id", UUID.class))
                        .opportunityId(rs.getObject("opportunity_id", UUID.class))
                        .accountId(rs.getObject("account_id", UUID.class))
                        .type(rs.getString("type"))
                        .subject(rs.getString("subject"))
                        .body(rs.getString("body"))
                        .outcome(rs.getString("outcome"))
                        .occurredAt(rs.getTimestamp("occurred_at").toInstant())
                        .build(),
                opportunityId,
                limit);
    }

    @Override
    protected Where where(Filter f) {
        Where where = OpportunityAccess.readableChild(f.viewer(), "activity", new Where());
        return where.and("opportunity_id = :opportunity", "opportunity", f.opportunityId())
                .and("account_id = :account", "account", f.accountId())
                .and("deleted_at is null")
                .andIn("type in (:types)", "types", f.types())
                .and("occurred_at >= :from", "from", f.from())
                .and("occurred_at < :to", "to", f.to());
    }
}

package org.openchance.store.task;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.access.Viewer;
import org.openchance.store.page.FilteredList;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;
import org.springframework.jdbc.core.JdbcTemplate;

/** Task lists (soonest due first, pages by keyset) and the claiming of due reminders. */
public final class TaskQueries extends FilteredList<TaskQueries.Filter> {

    /** Soonest due first: what to do next. */
    public static final List<SortKey> BY_DUE =
            List.of(new SortKey("due_at", SortKey.ValueType.TIMESTAMP, false), SortKey.id(false));

    /**
     * Which tasks a list shows, of those the viewer may see (a deal's with the deal, an account's with the account);
     * null means "any".
     */
    public record Filter(
            Viewer viewer,
            UUID assigneeId,
            UUID opportunityId,
            OffsetDateTime dueBefore,
            Boolean done,
            Boolean overdue) {}

    /** What a task tells its assignee when its time comes, and where it notes that it did. */
    public enum Notice {
        REMINDER("remind_at", "reminded_at"),
        DUE("due_at", "due_fired_at");

        private final String timeColumn;
        private final String firedColumn;

        Notice(String timeColumn, String firedColumn) {
            this.timeColumn = timeColumn;
            this.firedColumn = firedColumn;
        }
    }

    private final JdbcTemplate jdbc;

    public TaskQueries(KeysetQuery query, DataSource dataSource) {
        super(query, "task");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Up to {@code limit} open tasks whose notice is due and not yet given, locked for the caller's transaction; other
     * servers skip them.
     */
    public List<UUID> claimDue(Notice notice, int limit) {
        return jdbc.queryForList("""
                select id from task where %1$s <= now() and %2$s is null and not done
                order by %1$s limit ? for update skip locked""".formatted(notice.timeColumn, notice.firedColumn), UUID.class, limit);
    }

    public void markGiven(Notice notice, UUID taskId) {
        jdbc.update("update task set %s = now() where id = ?".formatted(notice.firedColumn), taskId);
    }

    @Override
    protected Where where(Filter f) {
        Where where = OpportunityAccess.readableChild(f.viewer(), "task", new Where())
                .and("assignee_id = :assignee", "assignee", f.assigneeId())
                .and("opportunity_id = :opportunity", "opportunity", f.opportunityId())
                .and("due_at < :dueBefore", "dueBefore", f.dueBefore())
                .and("done = :done", "done", f.done());
        if (f.overdue() != null) {
            // The same rule as Task.overdue, with the database's clock for the whole list.
            where.and(f.overdue() ? "not done and due_at < now()" : "(done or due_at >= now())");
        }
        return where;
    }
}

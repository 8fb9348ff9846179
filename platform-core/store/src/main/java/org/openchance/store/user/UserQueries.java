package org.openchance.store.user;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.openchance.store.account.AccountQueries;
import org.openchance.store.page.FilteredList;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.SortKey;
import org.openchance.store.page.Where;
import org.springframework.jdbc.core.JdbcTemplate;

/** User lists (by name, pages by keyset) and the management line. */
public final class UserQueries extends FilteredList<UserQueries.Filter> {

    public static final List<SortKey> BY_NAME = AccountQueries.BY_NAME;

    /** Which users a list shows; null means "any". */
    public record Filter(UserKind kind, Boolean active) {}

    private final JdbcTemplate jdbc;

    public UserQueries(KeysetQuery query, DataSource dataSource) {
        super(query, "app_user");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The ids of the users whose manager this user is. */
    public List<UUID> directReports(UUID manager) {
        return jdbc.queryForList("select id from app_user where manager_id = ?", UUID.class, manager);
    }

    /** The user and everyone below them in the management line (reports of reports, ...), the user first. */
    public List<UUID> lineOf(UUID user) {
        return jdbc.queryForList("""
                with recursive line(id, depth) as (
                    select ?::uuid, 0
                    union
                    select u.id, line.depth + 1 from app_user u join line on u.manager_id = line.id where line.depth < 50)
                select id from line group by id order by min(depth), id""", UUID.class, user);
    }

    @Override
    protected Where where(Filter f) {
        return new Where()
                .and("kind = :kind", "kind", f.kind() == null ? null : f.kind().name())
                .and("active = :active", "active", f.active());
    }
}

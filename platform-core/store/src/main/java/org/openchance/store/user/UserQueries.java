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

    @Override
    protected Where where(Filter f) {
        return new Where()
                .and("kind = :kind", "kind", f.kind() == null ? null : f.kind().name())
                .and("active = :active", "active", f.active());
    }
}

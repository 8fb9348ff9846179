package org.openchance.server.user;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.openchance.search.query.Visibility;
import org.openchance.store.user.UserQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who may see which records: the one place that decides it. {@code openchance.visibility}:
 * <ul>
 *   <li>{@code all} (the default until authentication lands): everyone sees everything;</li>
 *   <li>{@code team}: a user sees the records they own or are on the team of, and those of the people who report
 *       to them (a manager sees their team's deals); records without an owner are seen by all.</li>
 * </ul>
 * Search applies it inside Elasticsearch (hits and facet counts alike).
 */
@Component
public class RecordVisibility {

    public enum Mode {
        ALL,
        TEAM
    }

    private final CurrentUser currentUser;
    private final UserQueries users;
    private final Mode mode;

    RecordVisibility(CurrentUser currentUser, UserQueries users, @Value("${openchance.visibility:all}") String mode) {
        this.currentUser = currentUser;
        this.users = users;
        this.mode = Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
    }

    public Mode mode() {
        return mode;
    }

    /** The rule for a search by the current user. */
    public Visibility forSearch() {
        if (mode == Mode.ALL) {
            return Visibility.ALL;
        }
        Set<String> visibleOwners = new HashSet<>();
        currentUser.id().ifPresent(me -> {
            visibleOwners.add(me.toString());
            users.directReports(me).forEach(report -> visibleOwners.add(report.toString()));
        });
        return Visibility.onlyFor(visibleOwners); // no current user: only records without an owner
    }
}

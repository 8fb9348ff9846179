package org.openchance.server.history;

import java.time.Instant;
import java.util.List;
import org.openchance.server.graphql.RecordChanges;
import org.openchance.server.graphql.RecordIds;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.history.RecordHistoryRepository;
import org.openchance.store.history.RecordHistoryRow;
import org.springframework.stereotype.Component;

/**
 * Writes the history of accounts, contacts, leads and tasks: every field a change touched, old and new, with the
 * user who made it (null: the system), in the caller's transaction, so that a change and its history commit or roll
 * back together. (Opportunities have their own, see {@code opportunity.History}.)
 */
@Component
public class RecordHistory {

    private final RecordHistoryRepository history;
    private final CurrentUser currentUser;

    RecordHistory(RecordHistoryRepository history, CurrentUser currentUser) {
        this.history = history;
        this.currentUser = currentUser;
    }

    /** Records what differs between the two versions of the record; returns {@code after}. */
    public <T extends Record> T record(String type, T before, T after) {
        List<RecordChanges.Change> changes = RecordChanges.between(before, after);
        if (!changes.isEmpty()) {
            Instant at = Instant.now();
            var id = RecordIds.of(after).orElseThrow();
            var by = currentUser.id().orElse(null);
            history.saveAll(changes.stream()
                    .map(c -> new RecordHistoryRow(null, type, id, c.field(), c.oldValue(), c.newValue(), at, by))
                    .toList());
        }
        return after;
    }
}

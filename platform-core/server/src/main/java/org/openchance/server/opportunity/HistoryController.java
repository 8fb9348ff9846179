package org.openchance.server.opportunity;

import io.micronaut.data.model.Pageable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.Cursors;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.PageSize;
import org.openchance.store.opportunity.HistoryRepository;
import org.openchance.store.opportunity.HistoryRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code Opportunity.history}: the tracked changes, oldest first. */
@Controller
class HistoryController {

    private final HistoryRepository history;
    private final UserRepository users;

    HistoryController(HistoryRepository history, UserRepository users) {
        this.history = history;
        this.users = users;
    }

    @SchemaMapping(typeName = "Opportunity", field = "history")
    Connection<HistoryRow> history(OpportunityRow opportunity, @Argument Integer first, @Argument String after) {
        int limit = PageSize.of(first);
        long afterId = 0;
        if (after != null) {
            try {
                afterId = Long.parseLong(Cursors.decode("history", after, 1).get(0));
            } catch (NumberFormatException e) {
                afterId = -1;
            }
        }
        List<HistoryRow> rows = new ArrayList<>(history.findByOpportunityIdAndIdGreaterThanOrderByIdAsc(
                opportunity.id(), afterId, Pageable.from(0, limit + 1)));
        boolean hasNext = rows.size() > limit;
        List<Connection.Edge<HistoryRow>> edges = rows.stream()
                .limit(limit)
                .map(r -> new Connection.Edge<>(Cursors.encode("history", List.of(r.id().toString())), r))
                .toList();
        return new Connection<>(edges, hasNext, after != null, () -> history.countByOpportunityId(opportunity.id()));
    }

    /** Ids become API ids, so that clients can resolve them with {@code node}. */
    @SchemaMapping(typeName = "FieldChange", field = "oldValue")
    String oldValue(HistoryRow row) {
        return apiValue(row.field(), row.oldValue());
    }

    @SchemaMapping(typeName = "FieldChange", field = "newValue")
    String newValue(HistoryRow row) {
        return apiValue(row.field(), row.newValue());
    }

    @SchemaMapping(typeName = "FieldChange", field = "changedAt")
    OffsetDateTime changedAt(HistoryRow row) {
        return DateTimes.utc(row.changedAt());
    }

    @BatchMapping(typeName = "FieldChange", field = "changedBy")
    Map<HistoryRow, UserRow> changedBy(List<HistoryRow> rows) {
        return Batches.byKey(rows, HistoryRow::changedBy, users::findByIdIn, UserRow::id);
    }

    private static String apiValue(String field, String value) {
        if (value == null) {
            return null;
        }
        return switch (field) {
            case "stage" -> GlobalId.of("Stage", UUID.fromString(value));
            case "owner" -> GlobalId.of("User", UUID.fromString(value));
            default -> value;
        };
    }
}

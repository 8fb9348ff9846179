package org.openchance.server.history;

import io.micronaut.data.model.Pageable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.Cursors;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.PageSize;
import org.openchance.server.security.PartnerHiddenFields;
import org.openchance.store.account.AccountRow;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.history.FieldChangeRow;
import org.openchance.store.history.RecordHistoryRepository;
import org.openchance.store.lead.LeadRow;
import org.openchance.store.opportunity.HistoryRepository;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.task.TaskRow;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The {@code history} of opportunities, accounts, contacts, leads and tasks, oldest first, and what a
 * {@code FieldChange} shows. A record's history is read through the record, so it is visible exactly when the record
 * is.
 */
@Controller
class HistoryFields {

    private final HistoryRepository opportunityHistory;
    private final RecordHistoryRepository recordHistory;
    private final UserRepository users;
    private final PartnerHiddenFields partnerHidden;

    HistoryFields(
            HistoryRepository opportunityHistory,
            RecordHistoryRepository recordHistory,
            UserRepository users,
            PartnerHiddenFields partnerHidden) {
        this.opportunityHistory = opportunityHistory;
        this.recordHistory = recordHistory;
        this.users = users;
        this.partnerHidden = partnerHidden;
    }

    /** The history's record of how a deal closed: hidden with {@code closeDetails} where partners may not see that. */
    static final List<String> CLOSE_FIELDS = List.of("closedAt", "closeReasons", "winningCompetitor", "lostAtStage");

    @SchemaMapping(typeName = "Opportunity", field = "history")
    Connection<FieldChangeRow> opportunity(OpportunityRow o, @Argument Integer first, @Argument String after) {
        if (partnerHidden.hiddenFromCaller("closeDetails")) {
            return page(
                    first,
                    after,
                    (afterId, limit) -> List.<FieldChangeRow>copyOf(
                            opportunityHistory.findByOpportunityIdAndIdGreaterThanAndFieldNotInOrderByIdAsc(
                                    o.id(), afterId, CLOSE_FIELDS, limit)),
                    () -> opportunityHistory.countByOpportunityIdAndFieldNotIn(o.id(), CLOSE_FIELDS));
        }
        return page(
                first,
                after,
                (afterId, limit) -> List.<FieldChangeRow>copyOf(
                        opportunityHistory.findByOpportunityIdAndIdGreaterThanOrderByIdAsc(o.id(), afterId, limit)),
                () -> opportunityHistory.countByOpportunityId(o.id()));
    }

    @SchemaMapping(typeName = "Account", field = "history")
    Connection<FieldChangeRow> account(AccountRow a, @Argument Integer first, @Argument String after) {
        return ofRecord(a.id(), first, after);
    }

    @SchemaMapping(typeName = "Contact", field = "history")
    Connection<FieldChangeRow> contact(ContactRow c, @Argument Integer first, @Argument String after) {
        return ofRecord(c.id(), first, after);
    }

    @SchemaMapping(typeName = "Lead", field = "history")
    Connection<FieldChangeRow> lead(LeadRow l, @Argument Integer first, @Argument String after) {
        return ofRecord(l.id(), first, after);
    }

    @SchemaMapping(typeName = "Task", field = "history")
    Connection<FieldChangeRow> task(TaskRow t, @Argument Integer first, @Argument String after) {
        return ofRecord(t.id(), first, after);
    }

    private Connection<FieldChangeRow> ofRecord(UUID id, Integer first, String after) {
        return page(
                first,
                after,
                (afterId, limit) -> List.<FieldChangeRow>copyOf(
                        recordHistory.findByRecordIdAndIdGreaterThanOrderByIdAsc(id, afterId, limit)),
                () -> recordHistory.countByRecordId(id));
    }

    private interface Rows {
        List<FieldChangeRow> after(long afterId, Pageable limit);
    }

    private static Connection<FieldChangeRow> page(Integer first, String after, Rows rows, LongSupplier total) {
        int limit = PageSize.of(first);
        long afterId = 0;
        if (after != null) {
            try {
                afterId = Long.parseLong(Cursors.decode("history", after, 1).get(0));
            } catch (NumberFormatException e) {
                afterId = -1;
            }
        }
        List<FieldChangeRow> found = new ArrayList<>(rows.after(afterId, Pageable.from(0, limit + 1)));
        boolean hasNext = found.size() > limit;
        List<Connection.Edge<FieldChangeRow>> edges = found.stream()
                .limit(limit)
                .map(r -> new Connection.Edge<>(Cursors.encode("history", List.of(String.valueOf(r.id()))), r))
                .toList();
        return new Connection<>(edges, hasNext, after != null, total::getAsLong);
    }

    /** Ids become API ids, so that clients can resolve them with {@code node}. */
    @SchemaMapping(typeName = "FieldChange", field = "oldValue")
    String oldValue(FieldChangeRow row) {
        return apiValue(row.field(), row.oldValue());
    }

    @SchemaMapping(typeName = "FieldChange", field = "newValue")
    String newValue(FieldChangeRow row) {
        return apiValue(row.field(), row.newValue());
    }

    @SchemaMapping(typeName = "FieldChange", field = "changedAt")
    OffsetDateTime changedAt(FieldChangeRow row) {
        return DateTimes.utc(row.changedAt());
    }

    @BatchMapping(typeName = "FieldChange", field = "changedBy")
    Map<FieldChangeRow, UserRow> changedBy(List<FieldChangeRow> rows) {
        return Batches.byKey(rows, FieldChangeRow::changedBy, users::findByIdIn, UserRow::id);
    }

    private static String apiValue(String field, String value) {
        if (value == null) {
            return null;
        }
        String type =
                switch (field) {
                    case "stage", "lostAtStage" -> "Stage";
                    case "pipeline" -> "Pipeline";
                    case "owner", "ownerId", "assigneeId", "managerId" -> "User";
                    case "accountId" -> "Account";
                    case "opportunityId", "convertedOpportunityId" -> "Opportunity";
                    default -> null;
                };
        return type == null ? value : GlobalId.of(type, UUID.fromString(value));
    }
}

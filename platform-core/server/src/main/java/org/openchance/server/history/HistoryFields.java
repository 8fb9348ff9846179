package org.openchance.server.history;

import graphql.schema.DataFetchingEnvironment;
import io.micronaut.data.model.Pageable;
import java.time.OffsetDateTime;
import java.util.HashMap;
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
import org.openchance.server.graphql.Pages;
import org.openchance.server.security.PartnerHiddenFields;
import org.openchance.store.account.AccountRow;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.history.FieldChangeRow;
import org.openchance.store.history.HistoryFirstPages;
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
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The {@code history} of opportunities, accounts, contacts, leads and tasks, oldest first, and what a
 * {@code FieldChange} shows. A record's history is read through the record, so it is visible exactly when the record
 * is.
 */
@Controller
class HistoryFields {

    /**
     * The first page of a record's history, as a data loader's key: the first pages of a response's records are
     * read together (one statement for the changes, one for the counts if asked), later pages one by one.
     */
    record HistoryPage(boolean opportunity, UUID recordId, int limit, boolean hideClose, boolean counted) {

        /** The page without its record: pages of one shape are read together. */
        HistoryPage shape() {
            return new HistoryPage(opportunity, null, limit, hideClose, counted);
        }
    }

    private static final String HISTORIES = "historyFirstPages";

    private final HistoryRepository opportunityHistory;
    private final RecordHistoryRepository recordHistory;
    private final HistoryFirstPages firstPages;
    private final UserRepository users;
    private final PartnerHiddenFields partnerHidden;

    HistoryFields(
            HistoryRepository opportunityHistory,
            RecordHistoryRepository recordHistory,
            HistoryFirstPages firstPages,
            UserRepository users,
            PartnerHiddenFields partnerHidden,
            BatchLoaderRegistry batches) {
        this.opportunityHistory = opportunityHistory;
        this.recordHistory = recordHistory;
        this.firstPages = firstPages;
        this.users = users;
        this.partnerHidden = partnerHidden;
        batches.<HistoryPage, Connection<FieldChangeRow>>forName(HISTORIES)
                .withOptions(o -> o.setCachingEnabled(false)) // a mutation's later fields see its changes
                .registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(
                        () -> Pages.byShape(keys, HistoryPage::shape, HistoryPage::recordId, this::firstPagesOf)));
    }

    /** The history's record of how a deal closed: hidden with {@code closeDetails} where partners may not see that. */
    static final List<String> CLOSE_FIELDS = List.of("closedAt", "closeReasons", "winningCompetitor", "lostAtStage");

    @SchemaMapping(typeName = "Opportunity", field = "history")
    Object opportunity(OpportunityRow o, @Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
        boolean hideClose = partnerHidden.hiddenFromCaller("closeDetails");
        if (after == null) {
            return firstPage(env, new HistoryPage(true, o.id(), PageSize.of(first), hideClose, counted(env)));
        }
        if (hideClose) {
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
    Object account(AccountRow a, @Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
        return ofRecord(a.id(), first, after, env);
    }

    @SchemaMapping(typeName = "Contact", field = "history")
    Object contact(ContactRow c, @Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
        return ofRecord(c.id(), first, after, env);
    }

    @SchemaMapping(typeName = "Lead", field = "history")
    Object lead(LeadRow l, @Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
        return ofRecord(l.id(), first, after, env);
    }

    @SchemaMapping(typeName = "Task", field = "history")
    Object task(TaskRow t, @Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
        return ofRecord(t.id(), first, after, env);
    }

    private Object ofRecord(UUID id, Integer first, String after, DataFetchingEnvironment env) {
        if (after == null) {
            return firstPage(env, new HistoryPage(false, id, PageSize.of(first), false, counted(env)));
        }
        return page(
                first,
                after,
                (afterId, limit) -> List.<FieldChangeRow>copyOf(
                        recordHistory.findByRecordIdAndIdGreaterThanOrderByIdAsc(id, afterId, limit)),
                () -> recordHistory.countByRecordId(id));
    }

    private static Object firstPage(DataFetchingEnvironment env, HistoryPage page) {
        return env.<HistoryPage, Connection<FieldChangeRow>>getDataLoader(HISTORIES)
                .load(page);
    }

    private static boolean counted(DataFetchingEnvironment env) {
        return env.getSelectionSet().contains("totalCount");
    }

    /** The first pages of one shape for many records: one statement for the changes, one for the counts if asked. */
    private Map<UUID, Connection<FieldChangeRow>> firstPagesOf(HistoryPage shape, List<UUID> ids) {
        List<String> hidden = shape.hideClose() ? CLOSE_FIELDS : List.of();
        Map<UUID, List<FieldChangeRow>> rows = new HashMap<>();
        (shape.opportunity()
                        ? firstPages.opportunities(ids, hidden, shape.limit() + 1)
                        : firstPages.records(ids, shape.limit() + 1))
                .forEach((id, changes) -> rows.put(id, List.copyOf(changes)));
        Map<UUID, Long> counts = !shape.counted()
                ? Map.of()
                : shape.opportunity() ? firstPages.opportunityCounts(ids, hidden) : firstPages.recordCounts(ids);
        Map<UUID, Connection<FieldChangeRow>> connections = new HashMap<>();
        for (UUID id : ids) {
            long count = counts.getOrDefault(id, 0L);
            connections.put(id, connection(rows.getOrDefault(id, List.of()), shape.limit(), false, () -> count));
        }
        return connections;
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
        return connection(rows.after(afterId, Pageable.from(0, limit + 1)), limit, after != null, total);
    }

    /** {@code found}: up to {@code limit} + 1 changes in order, the one past the page telling that there are more. */
    private static Connection<FieldChangeRow> connection(
            List<? extends FieldChangeRow> found, int limit, boolean hasPrevious, LongSupplier total) {
        boolean hasNext = found.size() > limit;
        List<Connection.Edge<FieldChangeRow>> edges = found.stream()
                .limit(limit)
                .map(r -> new Connection.Edge<FieldChangeRow>(
                        Cursors.encode("history", List.of(String.valueOf(r.id()))), r))
                .toList();
        return new Connection<>(edges, hasNext, hasPrevious, total::getAsLong);
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

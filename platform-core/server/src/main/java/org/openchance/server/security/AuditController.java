package org.openchance.server.security;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.store.page.PageRequest;
import org.openchance.store.security.AuditLog;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit log for admins ({@code auditLog}); the policy on the field keeps everyone else out. */
@Controller
class AuditController {

    record AuditFilter(
            String actorId,
            String operation,
            String recordId,
            String outcome,
            OffsetDateTime from,
            OffsetDateTime to) {}

    record AuditChange(String field, String oldValue, String newValue) {}

    private final AuditLog log;
    private final UserRepository users;

    AuditController(AuditLog log, UserRepository users) {
        this.log = log;
        this.users = users;
    }

    @QueryMapping
    Connection<AuditLog.Row> auditLog(@Argument AuditFilter filter, @Argument Integer first, @Argument String after) {
        AuditLog.Filter f = filter == null
                ? new AuditLog.Filter(null, null, null, null, null, null)
                : new AuditLog.Filter(
                        filter.actorId() == null
                                ? null
                                : GlobalId.decode(filter.actorId(), "User")
                                        .orElseThrow(
                                                () -> new QueryInputException("filter.actorId", "is not a user id")),
                        filter.operation(),
                        filter.recordId() == null
                                ? null
                                : GlobalId.decode(filter.recordId())
                                        .map(GlobalId::uuid)
                                        .orElseThrow(() -> new QueryInputException("filter.recordId", "is not an id")),
                        filter.outcome(),
                        filter.from(),
                        filter.to());
        PageRequest page = Pages.request("auditLog", AuditLog.NEWEST_FIRST, first, after);
        return Pages.connection("auditLog", page, log.page(f, page), log::rows, AuditLog.Row::id, () -> log.count(f));
    }

    @SchemaMapping(typeName = "AuditEntry", field = "id")
    String id(AuditLog.Row row) {
        return row.id().toString();
    }

    @SchemaMapping(typeName = "AuditEntry", field = "at")
    OffsetDateTime at(AuditLog.Row row) {
        return DateTimes.utc(row.at());
    }

    @SchemaMapping(typeName = "AuditEntry", field = "recordId")
    String recordId(AuditLog.Row row) {
        if (row.recordId() == null) {
            return null;
        }
        return row.recordType() == null ? row.recordId().toString() : GlobalId.of(row.recordType(), row.recordId());
    }

    @SchemaMapping(typeName = "AuditEntry", field = "apiKeyId")
    String apiKeyId(AuditLog.Row row) {
        return row.apiKeyId() == null ? null : row.apiKeyId().toString();
    }

    @SchemaMapping(typeName = "AuditEntry", field = "detail")
    String detail(AuditLog.Row row) {
        return row.detailJson();
    }

    /**
     * The record's fields that changed, old and new, when the entry knows them (a change of an existing record);
     * otherwise the input's fields with the values given (the record's id and the expected version are not changes).
     */
    @SchemaMapping(typeName = "AuditEntry", field = "changes")
    List<AuditChange> changes(AuditLog.Row row) {
        List<AuditChange> changes = new ArrayList<>();
        if (row.detailJson() == null) {
            return changes;
        }
        JsonNode detail = JsonMapper.shared().readTree(row.detailJson());
        if (detail.path("changes").isArray()) {
            for (JsonNode change : detail.path("changes")) {
                changes.add(new AuditChange(
                        change.path("field").asString(), text(change.path("oldValue")), text(change.path("newValue"))));
            }
            return changes;
        }
        detail.path("input").properties().forEach(field -> {
            if (!field.getKey().equals("id") && !field.getKey().equals("expectedVersion")) {
                changes.add(
                        new AuditChange(field.getKey(), null, field.getValue().toString()));
            }
        });
        return changes;
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    @BatchMapping(typeName = "AuditEntry", field = "actor")
    Map<AuditLog.Row, UserRow> actor(List<AuditLog.Row> rows) {
        return Batches.byKey(rows, AuditLog.Row::actorId, users::findByIdIn, UserRow::id);
    }
}

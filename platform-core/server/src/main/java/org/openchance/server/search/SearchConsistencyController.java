package org.openchance.server.search;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.openchance.search.index.DocType;
import org.openchance.search.index.SearchConsistency;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.store.RequestStatementTimeouts;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code searchConsistency} and {@code repairSearchIndex}: the index against PostgreSQL, for admins. */
@Controller
class SearchConsistencyController {

    record Consistency(OffsetDateTime checkedAt, boolean consistent, List<IndexConsistency> types) {}

    record IndexConsistency(
            DocType type, long records, long documents, long missing, long stale, long extra, List<String> examples) {}

    record RepairSearchIndexPayload(Consistency before, Long repaired, Consistency after, List<UserError> errors) {}

    private final SearchConsistency consistency;

    SearchConsistencyController(SearchConsistency consistency) {
        this.consistency = consistency;
    }

    record RepairSearchIndexInput(List<DocType> types) {}

    @QueryMapping
    Consistency searchConsistency(@Argument List<DocType> types) throws SQLException {
        // an admin's scan of every record takes longer than a request may (40 s at 100,000 deals): background work
        return view(RequestStatementTimeouts.unbounded(() -> consistency.check(types)));
    }

    @MutationMapping
    RepairSearchIndexPayload repairSearchIndex(@Argument RepairSearchIndexInput input)
            throws Exception { // what the repair throws: PostgreSQL's and Elasticsearch's errors
        Optional<SearchConsistency.Repair> done =
                RequestStatementTimeouts.unbounded(() -> consistency.repair(input.types()));
        if (done.isEmpty()) {
            return new RepairSearchIndexPayload(
                    null,
                    null,
                    null,
                    List.of(new UserError(
                            "REPAIR_RUNNING",
                            "a repair of the search index runs already; check again after it",
                            null)));
        }
        SearchConsistency.Repair repair = done.get();
        return new RepairSearchIndexPayload(view(repair.before()), repair.repaired(), view(repair.after()), List.of());
    }

    private static Consistency view(SearchConsistency.Report report) {
        return new Consistency(
                report.checkedAt().atOffset(ZoneOffset.UTC),
                report.consistent(),
                report.types().stream()
                        .map(t -> new IndexConsistency(
                                t.type(),
                                t.records(),
                                t.documents(),
                                t.missing(),
                                t.stale(),
                                t.extra(),
                                t.examples().stream()
                                        .map(id -> GlobalId.of(typeName(t.type()), id))
                                        .toList()))
                        .toList());
    }

    /** The GraphQL type of a document's record, e.g. {@code Opportunity}. */
    private static String typeName(DocType type) {
        String key = type.key();
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }
}

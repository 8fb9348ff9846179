package org.openchance.plugins.teststorage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.api.host.ActivityLog;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.storage.PluginStorage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Uses every host service: reads its own table through its storage, counts open opportunities through the reader,
 * logs activities, and greets as its settings say.
 */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=notes")
public class NotesSchema implements SchemaContribution {

    private final PluginStorage storage;
    private final OpportunityReader opportunities;
    private final ActivityLog activities;
    private final PluginSettings settings;

    @Activate
    public NotesSchema(
            @Reference PluginStorage storage,
            @Reference OpportunityReader opportunities,
            @Reference ActivityLog activities,
            @Reference PluginSettings settings) {
        this.storage = storage;
        this.opportunities = opportunities;
        this.activities = activities;
        this.settings = settings;
    }

    @Override
    public String sdl() {
        return """
                extend type Query {
                  testStorageNotes: [String!]! @policy(allow: SIGNED_IN)
                  testStorageSchema: String! @policy(allow: SIGNED_IN)
                  testStorageGreeting: String! @policy(allow: SIGNED_IN)
                  testStorageOpenCount: Int! @policy(allow: SIGNED_IN)
                  "The account's name and the latest activity's subject of an opportunity, read through the host."
                  testStorageSummary(opportunityUuid: String!): String! @policy(allow: SIGNED_IN)
                }
                extend type Mutation {
                  testStorageLog(opportunityUuid: String!): String! @policy(allow: WRITE)
                }
                """;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Query",
                Map.of(
                        "testStorageNotes", context -> notes(),
                        "testStorageSchema", context -> storage.schema(),
                        "testStorageGreeting", context -> settings.get("greeting", "hello"),
                        "testStorageOpenCount", context -> openCount(),
                        "testStorageSummary",
                                context -> summary(UUID.fromString(
                                        (String) context.arguments().get("opportunityUuid")))),
                "Mutation",
                Map.of("testStorageLog", context -> activities
                        .log(
                                UUID.fromString((String) context.arguments().get("opportunityUuid")),
                                "NOTE",
                                "Noted by the storage plugin",
                                null)
                        .toString()));
    }

    private String summary(UUID opportunityId) {
        String account = opportunities
                .opportunity(opportunityId)
                .flatMap(o -> opportunities.account(o.accountId()))
                .map(a -> a.name())
                .orElse("?");
        String latest = opportunities.activities(opportunityId, 1).stream()
                .map(a -> a.subject())
                .findFirst()
                .orElse("-");
        return account + " / " + latest;
    }

    /** Pages through all open opportunities, 2 at a time, to exercise the cursor. */
    private int openCount() {
        int count = 0;
        String after = null;
        OpportunityReader.Page page;
        do {
            page = opportunities.opportunities("OPEN", null, 2, after);
            count += page.items().size();
            after = page.endCursor();
        } while (page.hasNext());
        return count;
    }

    private List<String> notes() throws Exception {
        List<String> notes = new ArrayList<>();
        try (Connection c = storage.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select text from note order by id")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }
}

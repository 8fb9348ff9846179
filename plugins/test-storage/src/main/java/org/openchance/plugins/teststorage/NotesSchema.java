package org.openchance.plugins.teststorage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.graphql.BatchFieldResolver;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.api.host.ActivityLog;
import org.openchance.api.host.ClosedDealKeyTable;
import org.openchance.api.host.ClosedDealQuery;
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
                  "What this plugin's database role may do: each probe 'allowed' or 'refused <SQLSTATE>'."
                  testStorageReach: [String!]! @policy(allow: ADMIN)
                  "The closed deals of 2000-2100 grouped by a key table of this plugin's: 'key=deals' per group."
                  testStorageClosedKeys(table: String!): [String!]! @policy(allow: ADMIN)
                  "The account's name and the latest activity's subject of an opportunity, read through the host."
                  testStorageSummary(opportunityUuid: String!): String! @policy(allow: SIGNED_IN)
                }
                extend type Mutation {
                  testStorageLog(opportunityUuid: String!): String! @policy(allow: WRITE)
                }
                extend type Opportunity {
                  "Resolved in batches: 'call <n> of <size>: <opportunity id> <argument>'."
                  testStorageBatch(tag: String): String! @policy(allow: SIGNED_IN)
                  "A batch resolver that returns one value too few."
                  testStorageBatchShort: String @policy(allow: SIGNED_IN)
                }
                """;
    }

    @Override
    public Map<String, Map<String, BatchFieldResolver>> batchResolvers() {
        return Map.of(
                "Opportunity",
                Map.of(
                        "testStorageBatch",
                        contexts -> {
                            int call = batchCalls.incrementAndGet();
                            return contexts.stream()
                                    .map(c -> "call " + call + " of " + contexts.size() + ": "
                                            + c.sourceRecordId().orElseThrow() + " "
                                            + c.arguments().get("tag"))
                                    .toList();
                        },
                        "testStorageBatchShort",
                        contexts -> contexts.stream().skip(1).map(c -> "x").toList()));
    }

    private final java.util.concurrent.atomic.AtomicInteger batchCalls =
            new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Query",
                Map.of(
                        "testStorageNotes", context -> notes(),
                        "testStorageSchema", context -> storage.schema(),
                        "testStorageGreeting", context -> settings.get("greeting", "hello"),
                        "testStorageOpenCount", context -> openCount(),
                        "testStorageReach", context -> reach(),
                        "testStorageClosedKeys",
                                context -> opportunities
                                        .closedTotals(
                                                ClosedDealQuery.closedBetween(
                                                        LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1)),
                                                ClosedDealKeyTable.of(
                                                        (String) context.arguments()
                                                                .get("table"),
                                                        "opportunity_id",
                                                        "key"))
                                        .groups()
                                        .stream()
                                        .map(g -> g.key() + "=" + g.deals())
                                        .toList(),
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

    /**
     * Tries, each on a connection of its own, what a plugin's SQL must not do (read the product's tables, its own
     * role's passwords, a superuser's function; leave its role; write into the product's schema; run a program) and,
     * as the positive control, read its own table.
     */
    private List<String> reach() throws Exception {
        Map<String, String> probes = new java.util.LinkedHashMap<>();
        probes.put("own table", "select count(*) from note");
        probes.put("host table", "select count(*) from public.webhook");
        probes.put("host table by search path", "set search_path = public; select count(*) from webhook");
        probes.put("become another session user", "set session authorization postgres");
        probes.put("plugin passwords", "select count(*) from public.plugin_database_role");
        probes.put("role function", "select openchance_admin.plugin_role('plugin_x', 'yyyyyyyyyyyyyyyyyyyyyyyy')");
        probes.put("become superuser", "set role postgres");
        probes.put("create in public", "create table public.intruder (id int)");
        probes.put("read a server file", "select pg_read_file('/etc/hostname')");
        probes.put("run a program", "copy (select 1) to program 'true'");
        List<String> results = new ArrayList<>();
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            String result;
            try (Connection c = storage.dataSource().getConnection()) {
                // in a transaction rolled back after: a search path or role set by a probe is undone with it
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute(probe.getValue());
                    result = "allowed";
                } catch (java.sql.SQLException e) {
                    result = "refused " + e.getSQLState();
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            results.add(probe.getKey() + ": " + result);
        }
        return results;
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

package org.openchance.plugins.teststorage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.openchance.api.storage.PluginStorage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reads its own table through the storage the host gives it, and shows it in the API. */
@Component(service = SchemaContribution.class)
public class NotesSchema implements SchemaContribution {

    private final PluginStorage storage;

    @Activate
    public NotesSchema(@Reference PluginStorage storage) {
        this.storage = storage;
    }

    @Override
    public String sdl() {
        return "extend type Query { testStorageNotes: [String!]!  testStorageSchema: String! }";
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of("Query", Map.of(
                "testStorageNotes", context -> notes(),
                "testStorageSchema", context -> storage.schema()));
    }

    private List<String> notes() throws Exception {
        List<String> notes = new ArrayList<>();
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select text from note order by id")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }
}

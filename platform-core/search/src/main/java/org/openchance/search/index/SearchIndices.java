package org.openchance.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openchance.search.SearchConnection;
import org.openchance.store.search.SearchSources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our indices and their aliases. Readers and the indexer only ever name the alias ({@code <prefix>opportunities});
 * behind it is one concrete index, replaced as a whole by a rebuild. While a rebuild runs, PostgreSQL's
 * {@code search_index_build} table names the index being built, so that every server's indexer writes there too
 * and no change made during the rebuild is lost.
 */
public final class SearchIndices {

    /**
     * How soon a write becomes searchable (as in index.json). Half a second keeps the index lag under 2 s (p99) at 500
     * writes/s on two cores; the default 1 s did not.
     */
    private static final String REFRESH_INTERVAL = "500ms";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Today's mappings in index.json, read once: their properties and {@code _meta.version}. */
    private static final JsonNode TODAY = JSON.readTree(mapping()).get("mappings");

    private final SearchConnection connection;
    private final SearchSources sources;

    public SearchIndices(SearchConnection connection, SearchSources sources) {
        this.connection = connection;
        this.sources = sources;
    }

    public String alias(DocType type) {
        return connection.index(type.indexName());
    }

    /** Whether the name is one of our aliases (rather than a concrete index). */
    public boolean isAlias(String name) {
        for (DocType type : DocType.values()) {
            if (alias(type).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Creates the indices that do not exist yet, each under its alias, and returns the types whose index has never
     * been filled (still the initial, empty one: also after a fill that failed half-way or a server that stopped
     * before it was done). The first index of a type has a fixed name, so two servers starting at once cannot both
     * create one: the second is refused and takes the first's.
     */
    public List<DocType> createMissing() throws IOException {
        List<DocType> unfilled = new ArrayList<>();
        for (DocType type : DocType.values()) {
            String initial = alias(type) + "-initial";
            if (!connection
                    .client()
                    .indices()
                    .existsAlias(e -> e.name(alias(type)))
                    .value()) {
                try {
                    connection.client().indices().create(c -> c.index(initial)
                            .withJson(mapping())
                            .aliases(alias(type), a -> a.isWriteIndex(true)));
                } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                    if (!"resource_already_exists_exception".equals(e.error().type())) {
                        throw e;
                    }
                }
            }
            // a rebuild always puts the alias on a new index: on the initial one, it has never been filled
            if (connection
                    .client()
                    .indices()
                    .getAlias(g -> g.name(alias(type)))
                    .aliases()
                    .containsKey(initial)) {
                unfilled.add(type);
            }
        }
        return unfilled;
    }

    /**
     * The types whose index was built with an older mapping than today's ({@code _meta.version} in index.json): their
     * documents lack today's fields (compound parts, sound codes, word prefixes), so they need a rebuild. Until it is
     * done the old index goes on serving searches; today's fields are added to it first (new fields are all an
     * older mapping lacks), so that the indexer's documents are not refused by its strict mapping meanwhile.
     */
    public List<DocType> upgradeOutdated() throws IOException {
        List<DocType> outdated = new ArrayList<>();
        for (DocType type : DocType.values()) {
            // every index of the type: the one behind the alias, and one an older version's rebuild is filling
            var indicesOfType = connection
                    .client()
                    .indices()
                    .getMapping(g -> g.index(alias(type) + "-*"))
                    .mappings();
            for (var entry : indicesOfType.entrySet()) {
                TypeMapping built = entry.getValue().mappings();
                if (version(built) >= version(TODAY)) {
                    continue;
                }
                ObjectNode missing = JSON.createObjectNode();
                TODAY.get("properties").properties().forEach(field -> {
                    if (!built.properties().containsKey(field.getKey())) {
                        missing.set(field.getKey(), field.getValue());
                    }
                });
                if (!missing.isEmpty()) {
                    String body =
                            JSON.writeValueAsString(JSON.createObjectNode().set("properties", missing));
                    connection.client().indices().putMapping(p -> p.index(entry.getKey())
                            .withJson(new StringReader(body)));
                }
                if (!outdated.contains(type)) {
                    outdated.add(type);
                }
            }
        }
        return outdated;
    }

    /**
     * Whether the index behind the type's alias was built with an older mapping than today's: asked again once a
     * rebuild holds its lock, since another server may have rebuilt it meanwhile.
     */
    public boolean outdated(DocType type) throws IOException {
        for (var index : connection
                .client()
                .indices()
                .getMapping(g -> g.index(alias(type)))
                .mappings()
                .values()) {
            if (version(index.mappings()) < version(TODAY)) {
                return true;
            }
        }
        return false;
    }

    private static int version(JsonNode mappings) {
        return mappings.path("_meta").path("version").asInt();
    }

    /** An index's mapping version; 1 for those built before mappings had one. */
    private static int version(TypeMapping mapping) {
        JsonData version = mapping.meta().get("version");
        return version == null ? 1 : version.to(Integer.class);
    }

    /** A new, empty index of the type, not yet behind the alias, set up for bulk loading (no refreshes). */
    public String createForRebuild(DocType type) throws IOException {
        String index = alias(type) + "-" + System.currentTimeMillis();
        connection.client().indices().create(c -> c.index(index).withJson(mapping()));
        connection.client().indices().putSettings(p -> p.index(index)
                .settings(s -> s.refreshInterval(t -> t.time("-1"))));
        return index;
    }

    /**
     * Puts the alias on {@code index} alone, in one atomic step, and deletes the type's other indices. The alias is
     * taken off every index of the type by pattern, not by a list read before: a server creating the initial index
     * at the same moment cannot leave the alias with two write indices. (Rebuilds of a type run one at a time.)
     */
    public void swap(DocType type, String index) throws IOException {
        ElasticsearchClient client = connection.client();
        String alias = alias(type);
        client.indices()
                .putSettings(p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time(REFRESH_INTERVAL))));
        client.indices().refresh(r -> r.index(index));
        client.indices().updateAliases(u -> u.actions(
                        a -> a.remove(r -> r.index(alias + "-*").alias(alias).mustExist(false)))
                .actions(a -> a.add(add -> add.index(index).alias(alias).isWriteIndex(true))));
        List<String> others = new ArrayList<>(
                client.indices().get(g -> g.index(alias + "-*")).indices().keySet());
        others.remove(index);
        if (!others.isEmpty()) {
            client.indices().delete(d -> d.index(others));
        }
    }

    /** Deletes a concrete index (a failed rebuild's); quietly when it is not there. */
    public void delete(String index) throws IOException {
        connection.client().indices().delete(d -> d.index(index).ignoreUnavailable(true));
    }

    /** Announces a rebuild into {@code index}: from the next batch on, every indexer writes there too. */
    public void startBuild(DocType type, String index) throws SQLException {
        sources.startBuild(type.key(), index);
    }

    public void endBuild(DocType type) throws SQLException {
        sources.endBuild(type.key());
    }

    /** Where a change of each type goes: the alias, plus the index of a running rebuild ({@link SearchSources.Batch#builds}). */
    public Map<DocType, List<String>> writeTargets(Map<String, String> builds) {
        Map<DocType, List<String>> targets = new EnumMap<>(DocType.class);
        for (DocType type : DocType.values()) {
            targets.put(type, new ArrayList<>(List.of(alias(type))));
        }
        builds.forEach((type, index) -> targets.get(DocType.ofKey(type)).add(index));
        return targets;
    }

    private static InputStream mapping() {
        InputStream in = SearchIndices.class.getResourceAsStream("/org/openchance/search/index.json");
        if (in == null) {
            throw new UncheckedIOException(new IOException("index.json missing from the classpath"));
        }
        return in;
    }
}

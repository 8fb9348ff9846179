package org.openchance.search.index;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.openchance.store.search.SearchSources;
import org.openchance.store.search.SourceType;

/**
 * Rebuilds an index from PostgreSQL while writes go on: a new index is created and announced (from then on every
 * indexer writes each change there too), filled in id order in bulk, and then put behind the alias in one atomic
 * step. A record read by the rebuild and changed right after reaches the new index through the indexer, with a
 * higher version, so the rebuild's older copy cannot overwrite it (and is refused if it comes second).
 */
public final class Reindexer {

    private static final int PAGE = 1_000;

    /** Where a rebuild stands, for a progress bar. */
    public record Progress(DocType type, long done, long total) {}

    private final SearchIndices indices;
    private final SearchIndexer indexer;
    private final SearchSources sources;

    public Reindexer(SearchIndices indices, SearchIndexer indexer, SearchSources sources) {
        this.indices = indices;
        this.indexer = indexer;
        this.sources = sources;
    }

    /** Rebuilds the indices of these types one after the other; returns the documents written per type. */
    public Map<DocType, Long> rebuild(Collection<DocType> types, Consumer<Progress> progress)
            throws IOException, SQLException {
        return rebuild(types, progress, type -> true);
    }

    /** Whether a rebuild is still needed once its lock is held (another server may have done it meanwhile). */
    @FunctionalInterface
    public interface StillNeeded {
        boolean test(DocType type) throws IOException;
    }

    /**
     * Rebuilds those of these types that still need it when their turn comes; returns the documents written per
     * type rebuilt.
     */
    public Map<DocType, Long> rebuild(Collection<DocType> types, Consumer<Progress> progress, StillNeeded stillNeeded)
            throws IOException, SQLException {
        Map<DocType, Long> written = new java.util.EnumMap<>(DocType.class);
        for (DocType type : types) {
            long documents =
                    sources.whileLocked(lock(type), () -> stillNeeded.test(type) ? rebuildLocked(type, progress) : -1L);
            if (documents >= 0) {
                written.put(type, documents);
            }
        }
        return written;
    }

    /** One rebuild of a type at a time, across servers and the command line: the lock is held by this session. */
    private String lock(DocType type) {
        return "openchance-search-rebuild:" + indices.alias(type);
    }

    private long rebuildLocked(DocType type, Consumer<Progress> progress) throws IOException, SQLException {
        String index = indices.createForRebuild(type);
        indices.startBuild(type, index);
        boolean swapped = false;
        try {
            long written = 0;
            SourceType source = Projections.sourceOf(type);
            long total = sources.count(source);
            progress.accept(new Progress(type, 0, total));
            UUID after = null;
            while (true) {
                List<SearchDocument> page = sources.page(source, after, PAGE).stream()
                        .map(Projections::document)
                        .toList();
                if (page.isEmpty()) {
                    break;
                }
                after = page.get(page.size() - 1).id();
                List<SearchDocument> live =
                        page.stream().filter(doc -> !doc.deleted()).toList();
                Map<DocRef, String> failures = indexer.write(live, List.of(), Map.of(type, List.of(index)));
                if (!failures.isEmpty()) {
                    throw new IOException(
                            failures.size() + " documents of " + type.indexName() + " could not be written, e.g. "
                                    + failures.values().iterator().next());
                }
                written += live.size();
                progress.accept(new Progress(type, written + (page.size() - live.size()), total));
            }
            indices.swap(type, index);
            swapped = true;
            return written;
        } finally {
            indices.endBuild(type);
            if (!swapped) {
                indices.delete(index); // a failed rebuild leaves the live index as it was, and no half-built one
            }
        }
    }
}

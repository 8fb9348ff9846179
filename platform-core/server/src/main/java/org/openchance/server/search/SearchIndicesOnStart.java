package org.openchance.server.search;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.openchance.search.index.DocType;
import org.openchance.search.index.Reindexer;
import org.openchance.search.index.SearchIndices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Creates missing indices and fills those never filled, then rebuilds those an older version built (another
 * mapping), once, in a thread of its own, retrying until Elasticsearch answers; the server serves everything else
 * meanwhile. Health shows whether it is done ({@link #ready()}).
 */
public final class SearchIndicesOnStart implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndicesOnStart.class);

    private final SearchIndices indices;
    private final Reindexer reindexer;
    private final Duration retry;
    private volatile Thread thread;
    private volatile boolean ready;
    private volatile Set<DocType> filled = Set.of();

    SearchIndicesOnStart(SearchIndices indices, Reindexer reindexer, Duration retry) {
        this.indices = indices;
        this.reindexer = reindexer;
        this.retry = retry;
    }

    /** Whether every index exists, has been filled at least once and has today's mapping (as of this start). */
    public boolean ready() {
        return ready;
    }

    /** The types whose indices this start created and filled from PostgreSQL (once {@link #ready()}). */
    public Set<DocType> filledOnStart() {
        return filled;
    }

    @Override
    public void start() {
        Thread setup = new Thread(this::run, "openchance-search-setup");
        setup.setDaemon(true);
        thread = setup;
        setup.start();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                // first, so that an older index takes today's documents while the rest is done
                List<DocType> outdated = indices.upgradeOutdated();
                List<DocType> unfilled = indices.createMissing();
                if (!unfilled.isEmpty()) {
                    log.info("Search indices never filled yet, filling them from PostgreSQL: {}", unfilled);
                    reindexer.rebuild(unfilled, progress -> {});
                    log.info("Search indices filled: {}", unfilled);
                }
                if (!outdated.isEmpty()) {
                    // the old indices serve searches meanwhile; one server rebuilds, the others find it done
                    log.info("Search indices built by an older version, rebuilding them: {}", outdated);
                    var rebuilt = reindexer.rebuild(outdated, progress -> {}, indices::outdated);
                    log.info("Search indices rebuilt: {}", rebuilt.keySet());
                }
                filled = Set.copyOf(unfilled);
                ready = true;
                thread = null;
            } catch (Exception e) {
                log.warn("Search indices not ready, trying again in {} s: {}", retry.toSeconds(), e.toString());
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        Thread setup = thread;
        thread = null;
        if (setup != null) {
            setup.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}

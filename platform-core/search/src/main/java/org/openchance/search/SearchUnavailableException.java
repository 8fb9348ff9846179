package org.openchance.search;

/** Elasticsearch did not answer in time, or not at all: a search fails with a clear error, an indexer waits. */
public class SearchUnavailableException extends RuntimeException {

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

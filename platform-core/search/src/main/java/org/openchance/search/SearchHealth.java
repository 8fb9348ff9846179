package org.openchance.search;

/**
 * What Elasticsearch says of itself.
 *
 * @param status {@code green}, {@code yellow}, {@code red}, or {@code unreachable}
 * @param error  why it could not be reached; null when it answered
 */
public record SearchHealth(String status, int nodes, String clusterName, String error) {

    /** Green and yellow (a single node cannot place replicas) serve searches and writes. */
    public boolean usable() {
        return "green".equals(status) || "yellow".equals(status);
    }
}

package org.openchance.server.event;

/**
 * Thrown by a {@link BatchEventListener} whose target system is unreachable as a whole (Elasticsearch down): the
 * batch waits and is tried again shortly, without counting tries, so an outage of any length turns nothing into a
 * dead letter. The backlog drains when the target returns.
 */
public class ListenerUnavailableException extends RuntimeException {

    public ListenerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.openchance.server.event;

/**
 * Thrown by a listener that cannot take events now as a whole (Elasticsearch down, a plugin switched off): its due
 * events wait and are tried again shortly, without counting tries, so an outage of any length turns nothing into a
 * dead letter. The backlog drains when the listener can take events again.
 */
public class ListenerUnavailableException extends RuntimeException {

    public ListenerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

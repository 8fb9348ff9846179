package org.openchance.localservices;

/** A local PostgreSQL or Elasticsearch could not be prepared, started or stopped. The message says why. */
public class LocalServiceException extends RuntimeException {

    public LocalServiceException(String message) {
        super(message);
    }

    public LocalServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}

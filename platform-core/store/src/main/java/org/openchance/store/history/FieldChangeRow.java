package org.openchance.store.history;

import java.time.Instant;
import java.util.UUID;

/** One changed field of a record's history, whichever table keeps it: what the API's {@code FieldChange} shows. */
public interface FieldChangeRow {

    /** Its place in its table: the history's order and cursor. */
    Long id();

    String field();

    String oldValue();

    String newValue();

    Instant changedAt();

    /** Who made the change; null for the system. */
    UUID changedBy();
}

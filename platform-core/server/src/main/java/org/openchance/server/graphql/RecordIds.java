package org.openchance.server.graphql;

import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.UUID;

/** The id of one of the host's records: a Java record with a UUID component {@code id} (rows, snapshots, keys). */
public final class RecordIds {

    private RecordIds() {}

    /** The record's id; empty for anything else (a plugin's map, a record without such an id). */
    public static Optional<UUID> of(Object value) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals("id") && component.getType() == UUID.class) {
                    return Optional.ofNullable((UUID) component(record, component));
                }
            }
        }
        return Optional.empty();
    }

    /** A component's value, also of a record class that is not public (the controllers' payloads). */
    public static Object component(Record record, RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}

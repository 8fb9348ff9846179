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

    /**
     * A scalar component of one of the host's records by name (a string, number, boolean or date); empty for anything
     * else, so that a plugin never holds a host row or entity.
     */
    public static Optional<Object> value(Object value, String name) {
        if (value instanceof Record record && name != null) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    Object found = component(record, component);
                    return found instanceof String
                                    || found instanceof Number
                                    || found instanceof Boolean
                                    || found instanceof java.time.temporal.Temporal
                                    || found instanceof UUID
                            ? Optional.of(found)
                            : Optional.empty();
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

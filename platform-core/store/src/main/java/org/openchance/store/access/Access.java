package org.openchance.store.access;

/** What a viewer may do with one record. */
public enum Access {
    /** Not even that it exists: reads answer NOT_FOUND. */
    NONE,
    READ,
    EDIT;

    public boolean canRead() {
        return this != NONE;
    }

    public boolean canEdit() {
        return this == EDIT;
    }
}

package org.openchance.store.access;

/** The organisation-wide default of a record type for employees outside its owner's line and team. */
public enum Sharing {
    /** Only the owner, the owner's managers and the team (and admins). */
    PRIVATE,
    /** Every employee reads; the owner, their managers, the team with edit access (and admins) write. */
    PUBLIC_READ,
    /** Every employee reads and writes (read-only users still only read). */
    PUBLIC_READ_WRITE
}

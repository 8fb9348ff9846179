package org.openchance.api.host;

/** What the user a plugin acts for may do with one of the host's records. */
public enum RecordAccess {
    /** Not visible (or not there): answer as if it did not exist. */
    NONE,
    /** Visible, not changeable: a change is FORBIDDEN. */
    READ,
    EDIT
}

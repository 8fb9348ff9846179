package org.openchance.store.user;

/** Employees of the company, or external partners who work opportunities with them. */
public enum UserKind {
    EMPLOYEE,
    PARTNER
}

package org.openchance.api.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A contact person of an opportunity (someone at the customer), with the role they play in the deal.
 *
 * <p>A value built by {@link #of}: fields may be added in minor versions (with a new factory beside this one).
 */
public final class ContactSnapshot {

    private final UUID id;
    private final String firstName;
    private final String lastName;
    private final String title;
    private final String email;
    private final String phone;
    private final String role;

    private ContactSnapshot(
            UUID id, String firstName, String lastName, String title, String email, String phone, String role) {
        this.id = Objects.requireNonNull(id, "id");
        this.firstName = firstName;
        this.lastName = Objects.requireNonNull(lastName, "lastName");
        this.title = title;
        this.email = email;
        this.phone = phone;
        this.role = Objects.requireNonNull(role, "role");
    }

    /** @param role the contact's role in the deal, e.g. {@code Decision maker}; the others may be null */
    public static ContactSnapshot of(
            UUID id, String firstName, String lastName, String title, String email, String phone, String role) {
        return new ContactSnapshot(id, firstName, lastName, title, email, phone, role);
    }

    public UUID id() {
        return id;
    }

    /** Null when not recorded. */
    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    /** The first and last name, e.g. {@code Jana Müller}. */
    public String fullName() {
        return firstName == null || firstName.isBlank() ? lastName : firstName + " " + lastName;
    }

    /** The job title; null when not recorded. */
    public String title() {
        return title;
    }

    /** Null when not recorded. */
    public String email() {
        return email;
    }

    /** Null when not recorded. */
    public String phone() {
        return phone;
    }

    public String role() {
        return role;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContactSnapshot c
                && id.equals(c.id)
                && Objects.equals(firstName, c.firstName)
                && lastName.equals(c.lastName)
                && Objects.equals(title, c.title)
                && Objects.equals(email, c.email)
                && Objects.equals(phone, c.phone)
                && role.equals(c.role);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, lastName, role);
    }

    @Override
    public String toString() {
        return "Contact[" + id + ", " + fullName() + ", " + role + "]";
    }
}

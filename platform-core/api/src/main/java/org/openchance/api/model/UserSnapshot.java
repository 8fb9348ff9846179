package org.openchance.api.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A user of OpenChance (an employee or a partner) as documents name them.
 *
 * <p>A value built by {@link #of}: fields may be added in minor versions (with a new factory beside this one).
 */
public final class UserSnapshot {

    private final UUID id;
    private final String name;
    private final String email;

    private UserSnapshot(UUID id, String name, String email) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.email = email;
    }

    public static UserSnapshot of(UUID id, String name, String email) {
        return new UserSnapshot(id, name, email);
    }

    public UUID id() {
        return id;
    }

    /** The display name. */
    public String name() {
        return name;
    }

    /** Null when not recorded. */
    public String email() {
        return email;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserSnapshot u && id.equals(u.id) && name.equals(u.name) && Objects.equals(email, u.email);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + name + "]";
    }
}

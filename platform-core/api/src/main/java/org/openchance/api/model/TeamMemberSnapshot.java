package org.openchance.api.model;

import java.util.Objects;
import java.util.UUID;

/**
 * Someone on an opportunity's sales team: an employee or an external partner, with the role they play.
 *
 * <p>A value built by {@link #of}: fields may be added in minor versions (with a new factory beside this one).
 */
public final class TeamMemberSnapshot {

    /** What kind of user a member is. */
    public enum Kind {
        EMPLOYEE,
        PARTNER
    }

    private final UUID userId;
    private final Kind kind;
    private final String role;

    private TeamMemberSnapshot(UUID userId, Kind kind, String role) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.role = Objects.requireNonNull(role, "role");
    }

    /** @param role e.g. {@code Account Executive}, {@code Implementation partner} */
    public static TeamMemberSnapshot of(UUID userId, Kind kind, String role) {
        return new TeamMemberSnapshot(userId, kind, role);
    }

    public UUID userId() {
        return userId;
    }

    public Kind kind() {
        return kind;
    }

    public String role() {
        return role;
    }

    public boolean partner() {
        return kind == Kind.PARTNER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeamMemberSnapshot m && userId.equals(m.userId) && kind == m.kind && role.equals(m.role);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, kind, role);
    }

    @Override
    public String toString() {
        return "TeamMember[" + userId + ", " + kind + ", " + role + "]";
    }
}

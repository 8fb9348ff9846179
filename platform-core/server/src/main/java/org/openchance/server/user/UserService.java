package org.openchance.server.user;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.security.CallerRows;
import org.openchance.server.security.Role;
import org.openchance.store.security.CredentialStore;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

    public record CreateUserInput(
            String name, String email, UserKind kind, String company, String managerId, List<Role> roles) {}

    public record UpdateUserInput(
            String id,
            Integer expectedVersion,
            String name,
            String managerId,
            Boolean clearManager,
            List<Role> roles,
            Boolean active) {}

    private final UserRepository users;
    private final CredentialStore credentials;
    private final CurrentUser currentUser;
    private final CallerRows callerRows;

    UserService(UserRepository users, CredentialStore credentials, CurrentUser currentUser, CallerRows callerRows) {
        this.users = users;
        this.credentials = credentials;
        this.currentUser = currentUser;
        this.callerRows = callerRows;
    }

    @Transactional
    public UserRow create(CreateUserInput input) {
        Validation v = new Validation()
                .text(input.name(), "input.name", true, 200)
                .text(input.email(), "input.email", true, 320);
        v.email(input.email(), "input.email");
        v.check(
                input.kind() != UserKind.PARTNER
                        || (input.company() != null && !input.company().isBlank()),
                "input.company",
                "is required for partners");
        UUID managerId = null;
        if (input.managerId() != null) {
            managerId = GlobalId.decode(input.managerId(), "User")
                    .filter(users::existsById)
                    .orElse(null);
            if (managerId == null) {
                v.add(UserError.notFound("input.managerId", "Manager"));
            }
        }
        if (input.email() != null && users.findByEmail(input.email().trim()).isPresent()) {
            v.check(false, "input.email", "is already used by another user");
        }
        String[] roles = roles(input.kind(), input.roles(), v);
        v.orThrow();
        UserRow saved = users.save(new UserRow(
                UUID.randomUUID(),
                input.name().trim(),
                input.email().trim(),
                input.kind(),
                input.kind() == UserKind.PARTNER ? input.company().trim() : null,
                managerId,
                true,
                roles,
                0,
                null,
                null));
        callerRows.forgetUser(saved.id()); // with a manager, the manager's line grows
        return saved;
    }

    @Transactional
    public UserRow update(UpdateUserInput in) {
        UserRow current = GlobalId.decode(in.id(), "User")
                .flatMap(users::findById)
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.id", "User")));
        if (!Objects.equals(current.version(), in.expectedVersion())) {
            throw new UserErrorException(new UserError(
                    UserError.VERSION_CONFLICT,
                    "the user is at version " + current.version() + ", not " + in.expectedVersion()
                            + ": reload and try again",
                    "input.expectedVersion"));
        }
        Validation v = new Validation().text(in.name(), "input.name", false, 200);
        UUID manager = current.managerId();
        if (Boolean.TRUE.equals(in.clearManager())) {
            manager = null;
        } else if (in.managerId() != null) {
            manager = GlobalId.decode(in.managerId(), "User")
                    .flatMap(users::findById)
                    .filter(u -> u.active() && u.kind() == UserKind.EMPLOYEE)
                    .map(UserRow::id)
                    .orElse(null);
            if (manager == null) {
                v.add(UserError.notFound("input.managerId", "Active employee"));
            } else if (createsLoop(current.id(), manager)) {
                v.add(UserError.validation("input.managerId", "would make the user their own manager"));
                manager = current.managerId();
            }
        }
        String[] roles = in.roles() == null ? current.roles() : roles(current.kind(), in.roles(), v);
        boolean active = in.active() == null ? current.active() : in.active();
        boolean self = currentUser.id().map(current.id()::equals).orElse(false);
        if (self && current.hasRole("ADMIN") && (!List.of(roles).contains("ADMIN") || !active)) {
            v.add(UserError.validation(
                    "input.roles",
                    "an admin cannot remove their own ADMIN role or deactivate" + " themselves (another admin can)"));
        }
        v.orThrow();
        UserRow saved = users.update(new UserRow(
                current.id(),
                in.name() == null ? current.name() : in.name().trim(),
                current.email(),
                current.kind(),
                current.company(),
                manager,
                active,
                roles,
                current.version(),
                current.createdAt(),
                current.updatedAt()));
        if (!active) {
            credentials.revokeRefreshTokensOf(saved.id());
        }
        callerRows.forgetUser(saved.id());
        return saved;
    }

    private boolean createsLoop(UUID user, UUID manager) {
        UUID m = manager;
        for (int depth = 0; m != null && depth < 100; depth++) {
            if (m.equals(user)) {
                return true;
            }
            m = users.findById(m).map(UserRow::managerId).orElse(null);
        }
        return false;
    }

    /** The roles of a user of this kind: a partner is PARTNER only; an employee anything else, SALES by default. */
    private static String[] roles(UserKind kind, List<Role> requested, Validation v) {
        if (kind == UserKind.PARTNER) {
            if (requested != null && !requested.isEmpty() && !requested.equals(List.of(Role.PARTNER))) {
                v.add(UserError.validation("input.roles", "a partner has the role PARTNER only"));
            }
            return new String[] {Role.PARTNER.name()};
        }
        if (requested == null) {
            return new String[] {Role.SALES.name()};
        }
        Set<String> roles = new LinkedHashSet<>();
        requested.forEach(r -> roles.add(r.name()));
        if (requested.contains(Role.PARTNER)) {
            v.add(UserError.validation("input.roles", "PARTNER is the role of partners, not of employees"));
        }
        if (roles.isEmpty()) {
            v.add(UserError.validation("input.roles", "needs at least one role"));
            return new String[] {Role.SALES.name()};
        }
        return roles.toArray(String[]::new);
    }
}

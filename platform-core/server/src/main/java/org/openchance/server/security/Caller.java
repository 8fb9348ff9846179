package org.openchance.server.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRow;

/**
 * Who a request acts for: the signed-in user with their roles, narrowed to an API key's scopes when it came with one.
 *
 * @param via how they signed in: {@code password} (our own access token), {@code oidc}, {@code api-key}
 * @param apiKeyId the key, when the request came with one
 * @param scopes what the key allows; all scopes for a person
 */
public record Caller(UserRow user, Set<Role> roles, Set<ApiScope> scopes, String via, UUID apiKeyId) {

    public static Caller of(UserRow user, String via) {
        return new Caller(user, rolesOf(user), EnumSet.allOf(ApiScope.class), via, null);
    }

    public static Set<Role> rolesOf(UserRow user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(user.roles()).map(Role::valueOf).forEach(roles::add);
        if (user.kind() == UserKind.PARTNER) {
            return EnumSet.of(Role.PARTNER); // whatever the row says
        }
        return roles;
    }

    public UUID userId() {
        return user.id();
    }

    public boolean isPartner() {
        return user.kind() == UserKind.PARTNER;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** An admin acting with administrative scope. */
    public boolean isAdmin() {
        return roles.contains(Role.ADMIN) && scopes.contains(ApiScope.ADMIN);
    }

    /** May write at all: not read-only, and a key with WRITE scope. */
    public boolean mayWrite() {
        return !roles.contains(Role.READ_ONLY) && !roles.isEmpty() && scopes.contains(ApiScope.WRITE);
    }
}

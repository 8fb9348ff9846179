package org.openchance.server.user;

import java.util.Optional;
import java.util.UUID;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who the API acts for. Until authentication arrives: the user whose e-mail {@code openchance.current-user} names,
 * else the first active employee. Every service asks here, so record visibility can later be added in one place.
 */
@Component
public class CurrentUser {

    private final UserRepository users;
    private final String configuredEmail;

    CurrentUser(UserRepository users, @Value("${openchance.current-user:}") String configuredEmail) {
        this.users = users;
        this.configuredEmail = configuredEmail;
    }

    public Optional<UserRow> get() {
        if (!configuredEmail.isBlank()) {
            return users.findByEmailIlike(configuredEmail);
        }
        return users.findFirstByActiveTrueAndKindOrderByCreatedAt(UserKind.EMPLOYEE);
    }

    public Optional<UUID> id() {
        return get().map(UserRow::id);
    }
}

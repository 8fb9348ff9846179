package org.openchance.server.security;

import java.util.UUID;
import org.openchance.store.security.CredentialStore;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes sure someone can sign in: when no active user has the ADMIN role (the first start of an empty database), an
 * admin is created with {@code openchance.security.admin-email} (admin@openchance.local) and the password in
 * {@code openchance.security.admin-password} (env OPENCHANCE_SECURITY_ADMIN_PASSWORD), or a generated one that is
 * printed once, here.
 */
@Component
@Order(0)
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserRepository users;
    private final CredentialStore credentials;
    private final PasswordEncoder passwords;
    private final String email;
    private final String password;

    BootstrapAdmin(
            UserRepository users,
            CredentialStore credentials,
            PasswordEncoder passwords,
            @Value("${openchance.security.admin-email:admin@openchance.local}") String email,
            @Value("${openchance.security.admin-password:}") String password) {
        this.users = users;
        this.credentials = credentials;
        this.passwords = passwords;
        this.email = email.strip();
        this.password = password;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.anyActiveAdmin()) {
            return;
        }
        boolean generated = password.isBlank();
        String secret = generated ? Secrets.random(15) : password;
        UserRow admin = users.findByEmail(email).orElse(null);
        if (admin == null) {
            admin = users.save(new UserRow(
                    UUID.randomUUID(),
                    "Administrator",
                    email,
                    UserKind.EMPLOYEE,
                    null,
                    null,
                    true,
                    new String[] {Role.ADMIN.name()},
                    0,
                    null,
                    null));
        } else {
            admin = users.update(new UserRow(
                    admin.id(),
                    admin.name(),
                    admin.email(),
                    UserKind.EMPLOYEE,
                    null,
                    admin.managerId(),
                    true,
                    new String[] {Role.ADMIN.name()},
                    admin.version(),
                    admin.createdAt(),
                    admin.updatedAt()));
        }
        credentials.setPasswordHash(admin.id(), passwords.encode(secret));
        if (generated) {
            LOG.warn(
                    "\n\n  No admin existed, so one was made. Sign in with\n    e-mail    {}\n    password  {}\n"
                            + "  This password is shown only now: change it after signing in (changePassword).\n",
                    email,
                    secret);
        } else {
            LOG.info("No admin existed: made {} with the configured password", email);
        }
    }
}

package org.openchance.server.user;

import java.util.UUID;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.Validation;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

    public record CreateUserInput(String name, String email, UserKind kind, String company, String managerId) {}

    private final UserRepository users;

    UserService(UserRepository users) {
        this.users = users;
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
        if (input.email() != null
                && users.findByEmailIlike(input.email().trim()).isPresent()) {
            v.check(false, "input.email", "is already used by another user");
        }
        v.orThrow();
        return users.save(new UserRow(
                UUID.randomUUID(),
                input.name().trim(),
                input.email().trim(),
                input.kind(),
                input.kind() == UserKind.PARTNER ? input.company().trim() : null,
                managerId,
                true,
                0,
                null,
                null));
    }
}

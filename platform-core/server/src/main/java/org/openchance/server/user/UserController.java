package org.openchance.server.user;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.Validation;
import org.openchance.server.security.Passwords;
import org.openchance.server.security.Sessions;
import org.openchance.store.page.PageRequest;
import org.openchance.store.user.UserKind;
import org.openchance.store.user.UserQueries;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class UserController {

    static final String TYPE = "User";

    record UserFilter(UserKind kind, Boolean active) {}

    record UserPayload(UserRow user, String linkToken, List<UserError> errors) {
        UserPayload(UserRow user, List<UserError> errors) {
            this(user, null, errors);
        }
    }

    record ChangePasswordInput(String currentPassword, String newPassword) {}

    record ChangePasswordPayload(boolean changed, List<UserError> errors) {}

    record ResetPasswordInput(String userId) {}

    /** A user and the one-time link token made for them. */
    private record WithLink(UserRow user, String token) {}

    private final UserRepository users;
    private final UserService service;
    private final CurrentUser currentUser;
    private final UserQueries query;

    private final Sessions sessions;

    UserController(
            UserRepository users, UserService service, CurrentUser currentUser, UserQueries query, Sessions sessions) {
        this.users = users;
        this.service = service;
        this.currentUser = currentUser;
        this.query = query;
        this.sessions = sessions;
    }

    @QueryMapping
    UserRow user(@Argument String id) {
        return GlobalId.decode(id, TYPE).flatMap(users::findById).orElse(null);
    }

    @QueryMapping
    UserRow me() {
        return currentUser.get().orElse(null);
    }

    @QueryMapping
    Connection<UserRow> users(@Argument Integer first, @Argument String after, @Argument UserFilter filter) {
        UserQueries.Filter criteria = filter == null
                ? new UserQueries.Filter(null, null)
                : new UserQueries.Filter(filter.kind(), filter.active());
        PageRequest page = Pages.request("users", UserQueries.BY_NAME, first, after);
        return Pages.connection(
                "users", page, query.page(criteria, page), users::findByIdIn, UserRow::id, () -> query.count(criteria));
    }

    /** The new user gets an invitation: a one-time link token (7 days) to set their password with. */
    @MutationMapping
    UserPayload createUser(@Argument UserService.CreateUserInput input) {
        return Mutations.run(
                () -> {
                    UserRow user = service.create(input);
                    return new WithLink(user, sessions.link(user.id(), "INVITATION", Duration.ofDays(7)));
                },
                (made, errors) -> made == null
                        ? new UserPayload(null, errors)
                        : new UserPayload(made.user(), made.token(), errors));
    }

    @MutationMapping
    UserPayload updateUser(@Argument UserService.UpdateUserInput input) {
        return Mutations.run(() -> service.update(input), UserPayload::new);
    }

    @MutationMapping
    ChangePasswordPayload changePassword(@Argument ChangePasswordInput input) {
        UserRow me = currentUser.get().orElseThrow();
        Validation v = new Validation();
        if (!sessions.passwordMatches(me.id(), input.currentPassword())) {
            v.add(UserError.validation("input.currentPassword", "is not your current password"));
        }
        Passwords.problem(input.newPassword()).ifPresent(p -> v.add(UserError.validation("input.newPassword", p)));
        return Mutations.run(
                () -> {
                    v.orThrow();
                    sessions.setPassword(me.id(), input.newPassword());
                    return true;
                },
                (changed, errors) -> new ChangePasswordPayload(changed != null, errors));
    }

    @MutationMapping
    UserPayload resetPassword(@Argument ResetPasswordInput input) {
        return GlobalId.decode(input.userId(), TYPE)
                .flatMap(users::findById)
                .map(user -> new UserPayload(
                        user, sessions.link(user.id(), "PASSWORD_RESET", Duration.ofHours(24)), List.of()))
                .orElseGet(() -> new UserPayload(null, List.of(UserError.notFound("input.userId", "User"))));
    }

    @SchemaMapping(typeName = TYPE, field = "roles")
    List<String> roles(UserRow user) {
        return user.kind() == UserKind.PARTNER ? List.of("PARTNER") : List.of(user.roles());
    }

    @SchemaMapping(typeName = TYPE, field = "id")
    String id(UserRow user) {
        return GlobalId.of(TYPE, user.id());
    }

    /** All managers of a page of users in one query. */
    @BatchMapping(typeName = TYPE, field = "manager")
    Map<UserRow, UserRow> manager(List<UserRow> staff) {
        return Batches.byKey(staff, UserRow::managerId, users::findByIdIn, UserRow::id);
    }
}

package org.openchance.server.user;

import java.util.List;
import java.util.Map;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.UserError;
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

    record UserPayload(UserRow user, List<UserError> errors) {}

    private final UserRepository users;
    private final UserService service;
    private final CurrentUser currentUser;
    private final UserQueries query;

    UserController(UserRepository users, UserService service, CurrentUser currentUser, UserQueries query) {
        this.users = users;
        this.service = service;
        this.currentUser = currentUser;
        this.query = query;
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

    @MutationMapping
    UserPayload createUser(@Argument UserService.CreateUserInput input) {
        return Mutations.run(() -> service.create(input), UserPayload::new);
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

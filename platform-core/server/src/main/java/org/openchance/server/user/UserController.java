package org.openchance.server.user;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.server.graphql.GlobalId;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class UserController {

    static final String TYPE = "User";

    private final UserRepository users;

    UserController(UserRepository users) {
        this.users = users;
    }

    @QueryMapping
    UserRow user(@Argument String id) {
        return GlobalId.decode(id, TYPE).flatMap(users::findById).orElse(null);
    }

    @SchemaMapping(typeName = TYPE, field = "id")
    String id(UserRow user) {
        return GlobalId.of(TYPE, user.id());
    }

    /** All managers of a page of users in one query. */
    @BatchMapping(typeName = TYPE, field = "manager")
    Map<UserRow, UserRow> manager(List<UserRow> staff) {
        List<UUID> managerIds = staff.stream().map(UserRow::managerId).filter(Objects::nonNull).distinct().toList();
        Map<UUID, UserRow> managers = new HashMap<>();
        users.findByIdIn(managerIds).forEach(m -> managers.put(m.id(), m));
        return staff.stream().filter(u -> u.managerId() != null && managers.containsKey(u.managerId()))
                .collect(Collectors.toMap(Function.identity(), u -> managers.get(u.managerId())));
    }
}

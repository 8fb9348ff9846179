package org.openchance.server.graphql;

import org.openchance.store.user.UserRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code Query.node}: any object by its opaque ID. */
@Controller
class NodeController {

    private final UserRepository users;

    NodeController(UserRepository users) {
        this.users = users;
    }

    @QueryMapping
    Object node(@Argument String id) {
        return GlobalId.decode(id).map(global -> switch (global.type()) {
            case "User" -> users.findById(global.uuid()).orElse(null);
            default -> null;
        }).orElse(null);
    }
}

package org.openchance.server.event;

import java.util.ArrayList;
import java.util.List;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.PageSize;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.Validation;
import org.openchance.store.event.Outbox;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class EventController {

    record ReplayDeadLettersInput(String listener, List<String> eventIds) {}

    record ReplayDeadLettersPayload(Integer replayed, List<UserError> errors) {}

    private final EventDispatcher dispatcher;

    EventController(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @QueryMapping
    List<Outbox.DeadLetter> deadLetters(@Argument Integer first) {
        return dispatcher.deadLetters(PageSize.of(first));
    }

    @MutationMapping
    ReplayDeadLettersPayload replayDeadLetters(@Argument ReplayDeadLettersInput input) {
        return Mutations.run(
                () -> {
                    Validation v = new Validation().text(input.listener(), "input.listener", false, 300);
                    List<Long> ids = null;
                    if (input.eventIds() != null) {
                        ids = new ArrayList<>();
                        for (String id : input.eventIds()) {
                            try {
                                ids.add(Long.parseLong(id));
                            } catch (NumberFormatException e) {
                                v.add(UserError.validation("input.eventIds", "\"" + id + "\" is not an event number"));
                            }
                        }
                        v.check(ids.size() <= 10_000, "input.eventIds", "at most 10,000 at once");
                    }
                    v.orThrow();
                    return dispatcher.replay(input.listener(), ids);
                },
                ReplayDeadLettersPayload::new);
    }
}

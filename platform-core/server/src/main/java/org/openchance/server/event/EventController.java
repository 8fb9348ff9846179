package org.openchance.server.event;

import java.util.List;
import org.openchance.server.graphql.PageSize;
import org.openchance.store.event.Outbox;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class EventController {

    private final EventDispatcher dispatcher;

    EventController(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @QueryMapping
    List<Outbox.DeadLetter> deadLetters(@Argument Integer first) {
        return dispatcher.deadLetters(PageSize.of(first));
    }
}

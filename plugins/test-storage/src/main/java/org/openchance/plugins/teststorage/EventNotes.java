package org.openchance.plugins.teststorage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.openchance.api.event.DomainEvent;
import org.openchance.api.event.DomainEventListener;
import org.openchance.api.storage.PluginStorage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Notes every opportunity.created event in the plugin's own table: the only type it asks for. */
@Component(
        service = DomainEventListener.class,
        property = {DomainEventListener.ID + "=event-notes", DomainEventListener.TYPES + "=opportunity.created"})
public class EventNotes implements DomainEventListener {

    private final PluginStorage storage;

    @Activate
    public EventNotes(@Reference PluginStorage storage) {
        this.storage = storage;
    }

    @Override
    public void onEvent(DomainEvent event) throws Exception {
        if (!event.type().equals("opportunity.created")) {
            return;
        }
        try (Connection c = storage.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("insert into note (text) values (?)")) {
            insert.setString(1, "event " + event.type() + " " + event.aggregateId());
            insert.executeUpdate();
        }
    }
}

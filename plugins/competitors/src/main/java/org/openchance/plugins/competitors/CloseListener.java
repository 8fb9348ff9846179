package org.openchance.plugins.competitors;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchance.api.event.DomainEvent;
import org.openchance.api.event.DomainEventListener;
import org.openchance.api.event.EventTypes;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.model.OpportunitySnapshot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps the competitors of a deal in step with its close: lost to a competitor, that one is in the deal with status
 * WON (put in when missing; free text is matched by name, or becomes a competitor) and those still in play LOST; won,
 * those in play LOST; reopened, everyone back in play.
 */
@Component(
        service = DomainEventListener.class,
        property = {
            DomainEventListener.ID + "=competitors-close",
            // only these are queued for it: the updates of every deal never reach the plugin
            DomainEventListener.TYPES + "=" + EventTypes.OPPORTUNITY_CLOSED_LOST,
            DomainEventListener.TYPES + "=" + EventTypes.OPPORTUNITY_CLOSED_WON,
            DomainEventListener.TYPES + "=" + EventTypes.OPPORTUNITY_REOPENED
        })
public class CloseListener implements DomainEventListener {

    private final CompetitorStore store;
    private final OpportunityReader reader;
    private final Analysis analysis;

    @Activate
    public CloseListener(@Reference CompetitorStore store, @Reference OpportunityReader reader) {
        this.store = store;
        this.reader = reader;
        this.analysis = new Analysis(reader, store);
    }

    @Override
    public void onEvent(DomainEvent event) throws Exception {
        switch (event.type()) {
            case EventTypes.OPPORTUNITY_CLOSED_LOST -> lost(event.aggregateId());
            case EventTypes.OPPORTUNITY_CLOSED_WON -> store.closeLinks(event.aggregateId(), null);
            case EventTypes.OPPORTUNITY_REOPENED -> store.reopenLinks(event.aggregateId());
            default -> {
                // other events say nothing about who is in a deal
            }
        }
    }

    private void lost(UUID deal) throws Exception {
        Optional<OpportunitySnapshot> snapshot = reader.opportunity(deal);
        if (snapshot.isEmpty() || !"LOST".equals(snapshot.get().status())) {
            return; // reopened or deleted since: a later event tells
        }
        UUID winner = analysis.competitors().winnerOrNew(snapshot.get().winningCompetitorId(), store);
        if (winner != null) {
            store.importLinks(List.of(deal), List.of(winner), List.of("WON"), true);
        }
        store.closeLinks(deal, winner);
    }
}

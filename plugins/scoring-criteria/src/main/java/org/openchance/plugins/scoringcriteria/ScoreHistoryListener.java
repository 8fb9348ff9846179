package org.openchance.plugins.scoringcriteria;

import java.sql.SQLException;
import org.openchance.api.event.DomainEvent;
import org.openchance.api.event.DomainEventListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** After every change of an opportunity, its score goes into the history (when it moved). */
@Component(
        service = DomainEventListener.class,
        property = {
            DomainEventListener.ID + "=scoring-criteria-history",
            DomainEventListener.TYPES + "=opportunity.*" // an activity logged on a deal does not change its score
        })
public class ScoreHistoryListener implements DomainEventListener {

    private final ScoreHistory history;

    @Activate
    public ScoreHistoryListener(@Reference ScoreHistory history) {
        this.history = history;
    }

    @Override
    public void onEvent(DomainEvent event) throws SQLException {
        if ("Opportunity".equals(event.aggregateType()) && event.type().startsWith("opportunity.")) {
            history.record(event.aggregateId());
        }
    }
}

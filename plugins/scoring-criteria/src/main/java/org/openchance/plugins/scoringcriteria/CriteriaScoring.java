package org.openchance.plugins.scoringcriteria;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The current scorecard as a scoring strategy: {@code Opportunity.scores} shows it with every criterion's part. */
@Component(service = ScoringStrategy.class, property = ScoringStrategy.ID + "=" + CriteriaScoring.ID)
public class CriteriaScoring implements ScoringStrategy {

    static final String ID = "criteria";

    private final ScorecardStore store;

    @Activate
    public CriteriaScoring(@Reference ScorecardStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "Scorecard";
    }

    /** The scorecard version: a new one changes every score. */
    @Override
    public String revision() {
        try {
            return String.valueOf(store.current().version());
        } catch (SQLException e) {
            throw new IllegalStateException("The scorecard could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Score score(OpportunitySnapshot opportunity) {
        try {
            return store.current().score(opportunity, LocalDate.now(ZoneOffset.UTC));
        } catch (SQLException e) {
            throw new IllegalStateException("The scorecard could not be read: " + e.getMessage(), e);
        }
    }
}

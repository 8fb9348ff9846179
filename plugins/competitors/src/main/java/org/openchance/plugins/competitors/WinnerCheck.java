package org.openchance.plugins.competitors;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchance.api.rules.CloseAttempt;
import org.openchance.api.rules.CloseCheck;
import org.openchance.api.rules.CloseProblem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Refuses a lost deal's close that names a Competitor ID no competitor has (a merged one is fine: the close follows
 * the merge). Names as free text, and NO_DECISION / UNKNOWN / NONE, stay allowed: a name becomes a competitor.
 */
@Component(service = CloseCheck.class, property = CloseCheck.ID + "=competitors-winner")
public class WinnerCheck implements CloseCheck {

    private final CompetitorStore store;

    @Activate
    public WinnerCheck(@Reference CompetitorStore store) {
        this.store = store;
    }

    @Override
    public List<CloseProblem> check(CloseAttempt attempt) throws Exception {
        if (attempt.winningCompetitorId() == null) {
            return List.of();
        }
        Optional<UUID> id = CompetitorIds.decode(attempt.winningCompetitorId());
        if (id.isEmpty() || store.find(id.get()).isPresent()) {
            return List.of();
        }
        return List.of(new CloseProblem(
                "winningCompetitorId",
                "no such competitor: name one of the competitors (or NO_DECISION, UNKNOWN, NONE)"));
    }
}

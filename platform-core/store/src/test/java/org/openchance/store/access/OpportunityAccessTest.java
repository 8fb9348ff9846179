package org.openchance.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rule itself, for one deal once its facts are known, and the SQL it compiles to for each kind of viewer. */
class OpportunityAccessTest {

    private static final UUID ME = UUID.randomUUID();

    private static Viewer employee(Sharing sharing) {
        return new Viewer(ME, Viewer.Reach.EMPLOYEE, sharing, Sharing.PUBLIC_READ, () -> List.of(ME));
    }

    private static Viewer partner() {
        return new Viewer(ME, Viewer.Reach.PARTNER, Sharing.PUBLIC_READ_WRITE, Sharing.PUBLIC_READ, () -> List.of(ME));
    }

    @Test
    void ownersAndEditingTeamMembersEditWhateverTheDefault() {
        for (Sharing sharing : Sharing.values()) {
            assertThat(OpportunityAccess.decide(employee(sharing), true, false, false))
                    .isEqualTo(Access.EDIT);
            assertThat(OpportunityAccess.decide(employee(sharing), false, true, true))
                    .isEqualTo(Access.EDIT);
        }
        assertThat(OpportunityAccess.decide(partner(), false, true, true)).isEqualTo(Access.EDIT);
    }

    @Test
    void everyoneElseGetsTheDefaultButPartnersNeverDo() {
        assertThat(OpportunityAccess.decide(employee(Sharing.PRIVATE), false, false, false))
                .isEqualTo(Access.NONE);
        assertThat(OpportunityAccess.decide(employee(Sharing.PUBLIC_READ), false, false, false))
                .isEqualTo(Access.READ);
        assertThat(OpportunityAccess.decide(employee(Sharing.PUBLIC_READ_WRITE), false, false, false))
                .isEqualTo(Access.EDIT);
        assertThat(OpportunityAccess.decide(partner(), false, false, false)).isEqualTo(Access.NONE);
        // a READ member reads, also under PRIVATE
        assertThat(OpportunityAccess.decide(employee(Sharing.PRIVATE), false, true, false))
                .isEqualTo(Access.READ);
        assertThat(OpportunityAccess.decide(partner(), false, true, false)).isEqualTo(Access.READ);
    }

    @Test
    void theSqlIsTrueForUnrestrictedViewersOwnerOrTeamForTheOthersAndFalseForNobody() {
        Map<String, Object> params = new HashMap<>();
        assertThat(OpportunityAccess.readable(Viewer.SYSTEM, "o", params)).isEqualTo("true");
        assertThat(OpportunityAccess.readable(employee(Sharing.PUBLIC_READ), "o", params))
                .isEqualTo("true");
        assertThat(params).isEmpty();
        assertThat(OpportunityAccess.readable(employee(Sharing.PRIVATE), "o", params))
                .contains("o.owner_id in (:viewerSight)")
                .contains("o.id = any (array(select vt.opportunity_id from opportunity_team_member vt"
                        + " where vt.user_id in (:viewerSight)))");
        assertThat(params.get("viewerSight")).isEqualTo(List.of(ME));
        assertThat(OpportunityAccess.readable(Viewer.NOBODY, "o", new HashMap<>()))
                .isEqualTo("false");
    }
}

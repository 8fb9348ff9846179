package org.openchance.api.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The host puts these names into SQL: only plain lower-case names get through. */
class ClosedDealKeyTableTest {

    @Test
    void plainNamesAreTaken() {
        ClosedDealKeyTable keys = ClosedDealKeyTable.of("opportunity_competitor", "opportunity_id", "competitor_id")
                .since("created_at")
                .until("removed_at");
        assertThat(keys.table()).isEqualTo("opportunity_competitor");
        assertThat(keys.dealColumn()).isEqualTo("opportunity_id");
        assertThat(keys.keyColumn()).isEqualTo("competitor_id");
        assertThat(keys.since()).isEqualTo("created_at");
        assertThat(keys.until()).isEqualTo("removed_at");
        assertThat(ClosedDealKeyTable.of("t", "d", "k").since()).isNull();
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {
            "Links",
            "links; drop table opportunity",
            "public.opportunity",
            "\"links\"",
            "1links",
            "",
            "a b",
            "x".repeat(64)
        }) {
            assertThatThrownBy(() -> ClosedDealKeyTable.of(bad, "d", "k"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ClosedDealKeyTable.of("t", "d", "k").since(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ClosedDealKeyTable.of("t", "d", "k").until(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ClosedDealKeyTable.of("t", null, "k")).isInstanceOf(NullPointerException.class);
    }
}

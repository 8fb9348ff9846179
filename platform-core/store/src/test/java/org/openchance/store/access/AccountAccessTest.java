package org.openchance.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchance.store.page.Where;

/** The account rule for one account once its facts are known, and the SQL it compiles to for each kind of viewer. */
class AccountAccessTest {

    private static final UUID ME = UUID.randomUUID();

    private static Viewer employee(Sharing opportunities, Sharing accounts) {
        return new Viewer(ME, Viewer.Reach.EMPLOYEE, opportunities, accounts, () -> List.of(ME));
    }

    @Test
    void theOwnersLineEditsWhateverTheDefaultOthersGetTheDefaultOrReadThroughADeal() {
        for (Sharing sharing : Sharing.values()) {
            assertThat(AccountAccess.decide(employee(Sharing.PRIVATE, sharing), true, false))
                    .isEqualTo(Access.EDIT);
        }
        assertThat(AccountAccess.decide(employee(Sharing.PRIVATE, Sharing.PUBLIC_READ_WRITE), false, false))
                .isEqualTo(Access.EDIT);
        assertThat(AccountAccess.decide(employee(Sharing.PRIVATE, Sharing.PUBLIC_READ), false, false))
                .isEqualTo(Access.READ);
        assertThat(AccountAccess.decide(employee(Sharing.PRIVATE, Sharing.PRIVATE), false, false))
                .isEqualTo(Access.NONE);
        // reading one of its deals reads the account, never changes it
        assertThat(AccountAccess.decide(employee(Sharing.PRIVATE, Sharing.PRIVATE), false, true))
                .isEqualTo(Access.READ);
    }

    @Test
    void theSqlIsNothingUnderAPublicDefaultOwnerOrDealsUnderPrivateAndFalseForPartners() {
        assertThat(AccountAccess.readable(employee(Sharing.PRIVATE, Sharing.PUBLIC_READ), "a", new Where())
                        .sql())
                .isEqualTo("true");
        Where privateAccounts = AccountAccess.readable(employee(Sharing.PRIVATE, Sharing.PRIVATE), "a", new Where());
        assertThat(privateAccounts.sql())
                .contains("a.owner_id is null or a.owner_id in (:viewerSight)")
                .contains("vo.account_id = a.id and vo.deleted_at is null and (vo.owner_id in (:viewerSight)");
        assertThat(privateAccounts.params()).containsEntry("viewerSight", List.of(ME));
        // every deal read: every account with a live deal is read
        assertThat(AccountAccess.readable(employee(Sharing.PUBLIC_READ, Sharing.PRIVATE), "a", new Where())
                        .sql())
                .contains("vo.account_id = a.id and vo.deleted_at is null and true");
        Viewer partner =
                new Viewer(ME, Viewer.Reach.PARTNER, Sharing.PUBLIC_READ, Sharing.PUBLIC_READ, () -> List.of(ME));
        assertThat(AccountAccess.readable(partner, "a", new Where()).sql()).isEqualTo("false");
        // a partner's contacts: only those on their deals
        assertThat(AccountAccess.readableContact(partner, "c", new Where()).sql())
                .startsWith("exists (select 1 from opportunity_contact voc")
                .doesNotContain("account_id is null");
        assertThat(AccountAccess.readable(Viewer.NOBODY, "a", new Where()).sql())
                .isEqualTo("false");
    }
}

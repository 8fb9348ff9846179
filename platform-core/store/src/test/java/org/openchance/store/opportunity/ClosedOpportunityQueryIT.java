package org.openchance.store.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openchance.api.host.ClosedDealGrouping;
import org.openchance.api.host.ClosedDealGroups;
import org.openchance.api.host.ClosedDealQuery;
import org.openchance.store.Store;
import org.openchance.store.access.Sharing;
import org.openchance.store.access.Viewer;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.openchance.testkit.RealServices;
import org.openchance.testkit.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Win/loss totals as of a past day, rebuilt from the history: under the visibility rule on both kinds of deals (those
 * unchanged since, read as they are, and those changed since, rebuilt), and without deals created after the day or
 * deleted before it.
 */
@RealServices
class ClosedOpportunityQueryIT {

    private static Store store;
    private static DataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start(TestDatabase db) {
        dataSource = db.dataSource();
        store = Store.start(dataSource);
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void asOfAPastDayUnderTheRule() {
        UUID mine = store.repository(UserRepository.class)
                .save(UserRow.newEmployee("Mine", "mine@closed-asof.example"))
                .id();
        UUID theirs = store.repository(UserRepository.class)
                .save(UserRow.newEmployee("Theirs", "theirs@closed-asof.example"))
                .id();
        UUID account = UUID.randomUUID();
        jdbc.update(
                "insert into account (id, name, match_key, owner_id) values (?, 'As Of AG', 'as of ag', ?)",
                account,
                mine);
        UUID pipeline = jdbc.queryForObject("select id from pipeline where is_default", UUID.class);
        UUID stage = jdbc.queryForObject(
                "select id from stage where pipeline_id = ? and not is_closed order by position limit 1",
                UUID.class,
                pipeline);
        Deals deals = new Deals(account, pipeline, stage);

        // mine, lost on 03-10 for Price and unchanged since: read as it is
        deals.add(mine, "LOST", "2026-03-10", "1000", "2026-01-05", null);
        // mine, lost on 03-20 for Timing, reopened and won on 04-15: rebuilt as lost for Timing
        UUID wonSince = deals.add(mine, "WON", "2026-04-15", "2000", "2026-01-05", null);
        history(wonSince, "status", "OPEN", "LOST", "2026-03-20T10:00:00Z");
        history(wonSince, "closedAt", null, "2026-03-20", "2026-03-20T10:00:00Z");
        history(wonSince, "closeReasons", "{}", "{\"Timing\"}", "2026-03-20T10:00:00Z");
        history(wonSince, "status", "LOST", "OPEN", "2026-04-10T10:00:00Z");
        history(wonSince, "closedAt", "2026-03-20", null, "2026-04-10T10:00:00Z");
        history(wonSince, "closeReasons", "{\"Timing\"}", "{}", "2026-04-10T10:00:00Z");
        history(wonSince, "status", "OPEN", "WON", "2026-04-15T10:00:00Z");
        history(wonSince, "closedAt", null, "2026-04-15", "2026-04-15T10:00:00Z");
        // theirs, lost then and changed since (its amount): the rule keeps it out of my totals
        UUID notMine = deals.add(theirs, "LOST", "2026-03-12", "4000", "2026-01-05", null);
        history(notMine, "amount", "3000 EUR", "4000 EUR", "2026-04-02T10:00:00Z");
        // mine, created after the day; and mine, deleted before it
        deals.add(mine, "LOST", "2026-03-15", "500", "2026-04-01", null);
        deals.add(mine, "WON", "2026-03-15", "700", "2026-01-05", "2026-03-25T00:00:00Z");

        ClosedDealQuery now = ClosedDealQuery.closedBetween(
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-06-30"))
                .owners(List.of(mine, theirs)); // only this test's deals
        ClosedDealQuery then = now.asOf(LocalDate.parse("2026-03-30"));
        ClosedOpportunityQuery closed = new ClosedOpportunityQuery(dataSource);
        Viewer me = new Viewer(mine, Viewer.Reach.EMPLOYEE, Sharing.PRIVATE, Sharing.PRIVATE, () -> List.of(mine));

        ClosedDealGroups reasons = closed.totals(me, then, ClosedDealGrouping.REASON, "EUR");
        assertThat(reasons.all().losses()).isEqualTo(2); // the first, and wonSince as it stood
        assertThat(reasons.all().wins()).isZero();
        assertThat(reasons.all().lostAmount()).isEqualByComparingTo("3000");
        assertThat(reasons.groups())
                .extracting(g -> g.key() + "=" + g.losses())
                .containsExactlyInAnyOrder("Price=1", "Timing=1");

        // everything then: theirs too, at its amount of then
        ClosedDealGroups all = closed.totals(Viewer.SYSTEM, then, ClosedDealGrouping.OWNER, "EUR");
        assertThat(all.all().losses()).isEqualTo(3);
        assertThat(all.all().lostAmount()).isEqualByComparingTo("6000");

        // now: wonSince won, the deleted one gone, the one created since counted
        ClosedDealGroups today = closed.totals(me, now, ClosedDealGrouping.REASON, "EUR");
        assertThat(today.all().wins()).isEqualTo(1);
        assertThat(today.all().wonAmount()).isEqualByComparingTo("2000");
        assertThat(today.all().losses()).isEqualTo(2);
        assertThat(today.all().lostAmount()).isEqualByComparingTo("1500");
    }

    private record Deals(UUID account, UUID pipeline, UUID stage) {

        UUID add(UUID owner, String status, String closedAt, String amount, String created, String deleted) {
            UUID id = UUID.randomUUID();
            jdbc.update(
                    "insert into opportunity (id, name, account_id, amount, amount_currency, probability, pipeline_id,"
                            + " stage_id, forecast_category, status, owner_id, closed_at, close_reasons, created_at,"
                            + " deleted_at) values (?, ?, ?, ?, 'EUR', 0, ?, ?, 'PIPELINE', ?, ?, ?, cast(? as text[]),"
                            + " ?, ?)",
                    id,
                    "Deal " + id,
                    account,
                    new BigDecimal(amount),
                    pipeline,
                    stage,
                    status,
                    owner,
                    LocalDate.parse(closedAt),
                    status.equals("LOST") ? "{Price}" : "{}",
                    Timestamp.from(LocalDate.parse(created).atStartOfDay().toInstant(ZoneOffset.UTC)),
                    deleted == null ? null : Timestamp.from(Instant.parse(deleted)));
            return id;
        }
    }

    private static void history(UUID deal, String field, String old, String now, String at) {
        jdbc.update(
                "insert into opportunity_history (opportunity_id, field, old_value, new_value, changed_at)"
                        + " values (?, ?, ?, ?, ?)",
                deal,
                field,
                old,
                now,
                Timestamp.from(Instant.parse(at)));
    }
}

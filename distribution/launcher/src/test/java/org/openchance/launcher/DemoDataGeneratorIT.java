package org.openchance.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.TestDatabase;
import org.openchance.testkit.TestServices;

/** The generator against real PostgreSQL: consistent data (history included), reproducible, empty databases only. */
class DemoDataGeneratorIT {

    @Test
    void generatesAConsistentSetWithItsHistoryAndReportsProgress() throws Exception {
        TestDatabase db = TestServices.database(DemoDataGeneratorIT.class);
        List<Integer> progress = new ArrayList<>();
        DemoDataGenerator.Counts counts = DemoDataGenerator.generateIfEmpty(db.dataSource(), 7, 2_500, progress::add);

        assertThat(progress).containsExactly(1_000, 2_000, 2_500);
        try (Connection c = db.connect()) {
            assertThat(count(c, "select count(*) from opportunity"))
                    .isEqualTo(counts.opportunities())
                    .isEqualTo(2_500);
            assertThat(count(c, "select count(*) from account"))
                    .isEqualTo(counts.accounts())
                    .isEqualTo(500);
            assertThat(count(c, "select count(*) from contact")).isEqualTo(counts.contacts());
            assertThat(count(c, "select count(*) from opportunity_history"))
                    .isEqualTo(counts.history())
                    .isPositive();
            assertThat(count(c, "select count(*) from opportunity_team_member"))
                    .isEqualTo(counts.teamMembers())
                    .isPositive();
            assertThat(count(c, "select count(*) from lead"))
                    .isEqualTo(counts.leads())
                    .isEqualTo(50);
            assertThat(count(c, "select count(*) from activity"))
                    .isEqualTo(counts.activities())
                    .isPositive();
            assertThat(count(c, "select count(*) from task"))
                    .isEqualTo(counts.tasks())
                    .isPositive();
            assertThat(
                            count(
                                    c,
                                    "select count(*) from activity a join opportunity o on o.id = a.opportunity_id"
                                            + " where a.occurred_at < o.created_at or a.occurred_at > now() or a.account_id <> o.account_id"))
                    .as("activities while the deal ran, on its account")
                    .isZero();
            assertThat(
                            count(
                                    c,
                                    "select count(*) from task where (done_at > now()) or (reminded_at is null and remind_at < now())"))
                    .as("nothing done in the future; past reminders count as sent")
                    .isZero();

            assertThat(count(c, "select count(distinct status) from opportunity"))
                    .as("open, won, lost")
                    .isEqualTo(3);
            assertThat(count(c, "select count(distinct stage_id) from opportunity"))
                    .as("every stage of both pipelines")
                    .isEqualTo(12);
            assertThat(count(
                            c,
                            "select count(*) from opportunity where status = 'LOST'"
                                    + " and (lost_at_stage_id is null or cardinality(close_reasons) = 0)"))
                    .as("lost with stage and reason")
                    .isZero();
            assertThat(count(c, "select count(distinct amount_currency) from opportunity"))
                    .as("deals in EUR, CHF, GBP and USD")
                    .isEqualTo(4);
            assertThat(count(c, """
                    select count(*) from opportunity o where o.amount_currency <> 'EUR' and not exists (
                      select 1 from exchange_rate r where r.base = 'EUR' and r.currency = o.amount_currency
                      and r.valid_from <= coalesce(o.closed_at, current_date))"""))
                    .as("every amount has a rate on the day that converts it")
                    .isZero();
            // The history tells how every deal got where it is: its last stage move ends in the current stage ...
            assertThat(count(c, """
                    select count(*) from opportunity o where o.stage_id <> coalesce(
                      (select new_value::uuid from opportunity_history h where h.opportunity_id = o.id and h.field = 'stage'
                       order by h.changed_at desc, h.id desc limit 1),
                      (select s.id from stage s where s.pipeline_id = o.pipeline_id and s.position = 1))""")).isZero();
            // ... each move starts where the one before ended ...
            assertThat(count(c, """
                    select count(*) from (select old_value, lag(new_value) over (partition by opportunity_id
                      order by changed_at, id) as previous from opportunity_history where field = 'stage') moves
                    where previous is not null and previous <> old_value""")).isZero();
            // ... and happened while the deal existed.
            assertThat(count(
                            c,
                            "select count(*) from opportunity_history h join opportunity o on o.id = h.opportunity_id"
                                    + " where h.changed_at < o.created_at or h.changed_at > now()"))
                    .isZero();
        }
        assertThat(DemoDataGenerator.generateIfEmpty(db.dataSource(), 7, 10, written -> {}))
                .as("never into a database with data")
                .isNull();
    }

    @Test
    void theSameSeedGivesTheSameData() throws Exception {
        TestDatabase first = TestServices.database(DemoDataGeneratorIT.class);
        TestDatabase second = TestServices.database(DemoDataGeneratorIT.class);
        DemoDataGenerator.generateIfEmpty(first.dataSource(), 42, 300, written -> {});
        DemoDataGenerator.generateIfEmpty(second.dataSource(), 42, 300, written -> {});
        String deals = "select string_agg(id || name || amount || status, ',' order by id) from opportunity";
        try (Connection a = first.connect();
                Connection b = second.connect()) {
            assertThat(text(a, deals)).isNotBlank().isEqualTo(text(b, deals));
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        return Integer.parseInt(text(c, sql));
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}

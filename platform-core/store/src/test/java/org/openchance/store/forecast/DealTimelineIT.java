package org.openchance.store.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openchance.store.Store;
import org.openchance.store.access.Viewer;
import org.openchance.store.opportunity.OpportunityAsOf;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.openchance.testkit.RealServices;
import org.openchance.testkit.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pipeline a back-test rebuilds in memory is the one {@code opportunitiesAsOf} rebuilds in SQL: sixty deals with
 * random histories of every tracked field (an amount that appears and changes currency, owners, a close and a
 * reopening), compared field by field at twenty moments, before, between and after their changes.
 */
@RealServices
class DealTimelineIT {

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
    void valuesAtAnyMomentAreTheAsOfQuerys() {
        Random random = new Random(11);
        List<UUID> owners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            owners.add(store.repository(UserRepository.class)
                    .save(UserRow.newEmployee("Owner " + i, "owner" + i + "@timeline.example"))
                    .id());
        }
        UUID account = UUID.randomUUID();
        jdbc.update(
                "insert into account (id, name, match_key, owner_id) values (?, 'Timeline AG', 'timeline ag', ?)",
                account,
                owners.get(0));
        List<UUID> stages = jdbc.queryForList(
                "select id from stage where not is_closed and pipeline_id = (select id from pipeline where is_default)"
                        + " order by position",
                UUID.class);
        UUID pipeline = jdbc.queryForObject("select id from pipeline where is_default", UUID.class);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            Instant created = start.plus(random.nextInt(300), ChronoUnit.DAYS);
            List<String> stage = values(
                    random, () -> stages.get(random.nextInt(stages.size())).toString());
            List<String> amount = values(
                    random,
                    () -> random.nextInt(5) == 0
                            ? null
                            : BigDecimal.valueOf(1000 + random.nextInt(90_000)).setScale(4) + " "
                                    + (random.nextBoolean() ? "EUR" : "USD"));
            List<String> probability = values(random, () -> String.valueOf(random.nextInt(101)));
            List<String> close = values(random, () -> LocalDate.parse("2025-06-01")
                    .plusDays(random.nextInt(500))
                    .toString());
            List<String> owner =
                    values(random, () -> owners.get(random.nextInt(3)).toString());
            List<String> status = values(random, () -> random.nextInt(3) == 0 ? "WON" : "OPEN");
            List<String> category = values(
                    random, () -> List.of("PIPELINE", "BEST_CASE", "COMMIT").get(random.nextInt(3)));
            String money = amount.get(amount.size() - 1);
            String finalStatus = status.get(status.size() - 1);
            jdbc.update(
                    "insert into opportunity (id, name, account_id, amount, amount_currency, probability,"
                            + " expected_close_date, pipeline_id, stage_id, forecast_category, status, owner_id,"
                            + " closed_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    "Deal " + d,
                    account,
                    money == null ? null : new BigDecimal(money.split(" ")[0]),
                    money == null ? null : money.split(" ")[1],
                    Integer.parseInt(last(probability)),
                    LocalDate.parse(last(close)),
                    pipeline,
                    UUID.fromString(last(stage)),
                    last(category),
                    finalStatus,
                    UUID.fromString(last(owner)),
                    finalStatus.equals("OPEN") ? null : LocalDate.parse("2026-03-01"),
                    Timestamp.from(created));
            history(id, "stage", stage, created, random);
            history(id, "amount", amount, created, random);
            history(id, "probability", probability, created, random);
            history(id, "expectedCloseDate", close, created, random);
            history(id, "owner", owner, created, random);
            history(id, "status", status, created, random);
            history(id, "forecastCategory", category, created, random);
        }

        OpportunityAsOf sql = new OpportunityAsOf(new KeysetQuery(dataSource), dataSource);
        Map<UUID, DealTimeline> timelines = new ForecastDeals(dataSource)
                .load(Viewer.SYSTEM, start, ForecastDeals.AS_OF_FIELDS).stream()
                        .collect(Collectors.toMap(DealTimeline::id, Function.identity()));
        assertThat(timelines.keySet()).containsAll(ids);
        int compared = 0;
        for (int m = 0; m < 20; m++) {
            Instant moment = start.plus(20L + m * 37L, ChronoUnit.DAYS).plus(random.nextInt(24), ChronoUnit.HOURS);
            Map<UUID, OpportunityAsOf.Values> expected = sql.values(ids, moment);
            for (UUID id : ids) {
                DealTimeline t = timelines.get(id);
                assertThat(t.existedAt(moment)).as("deal %s at %s", id, moment).isEqualTo(expected.containsKey(id));
                if (!expected.containsKey(id)) {
                    continue;
                }
                OpportunityAsOf.Values want = expected.get(id);
                DealTimeline.State got = t.at(moment);
                String at = "deal " + id + " at " + moment;
                assertThat(got.stageId()).as(at).isEqualTo(want.stageId());
                assertThat(got.currency()).as(at).isEqualTo(want.amountCurrency());
                if (want.amount() == null) {
                    assertThat(got.amount()).as(at).isNull();
                } else {
                    assertThat(got.amount()).as(at).isEqualByComparingTo(want.amount());
                }
                assertThat(got.probability()).as(at).isEqualTo(want.probability());
                assertThat(got.expectedCloseDate()).as(at).isEqualTo(want.expectedCloseDate());
                assertThat(got.ownerId()).as(at).isEqualTo(want.ownerId());
                assertThat(got.status()).as(at).isEqualTo(want.status());
                assertThat(got.forecastCategory()).as(at).isEqualTo(want.forecastCategory());
                if (got.closedAt() != null) {
                    assertThat(got.closedAt())
                            .as(at)
                            .isBefore(LocalDate.ofInstant(moment, java.time.ZoneOffset.UTC)
                                    .plusDays(1));
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(500); // not vacuous: most deals exist at most moments
    }

    /** One to four values of a field, oldest first; the last is today's. */
    private static List<String> values(Random random, java.util.function.Supplier<String> next) {
        List<String> values = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            values.add(next.get());
        }
        return values;
    }

    /** The changes from each value to the next, at increasing random moments after creation. */
    private void history(UUID id, String field, List<String> values, Instant created, Random random) {
        Instant at = created;
        for (int i = 1; i < values.size(); i++) {
            at = at.plus(1 + random.nextInt(120), ChronoUnit.DAYS).plus(random.nextInt(1440), ChronoUnit.MINUTES);
            jdbc.update(
                    "insert into opportunity_history (opportunity_id, field, old_value, new_value, changed_at)"
                            + " values (?, ?, ?, ?, ?)",
                    id,
                    field,
                    values.get(i - 1),
                    values.get(i),
                    Timestamp.from(at));
        }
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }
}

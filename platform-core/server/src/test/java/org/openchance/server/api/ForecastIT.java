package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openchance.server.graphql.GlobalId;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The forecast plugins as they ship, in a running server: a back-test over eight past quarters of generated history
 * with a known process (three stage steps converting at 60 %, 70 % and 60 %) that ranks a deliberately poor model last
 * and sees nothing after each cut-off; a manager's row that is their reports' plus their own, quotas and adjustments
 * beside the computed figures, and amounts in dollars converted with the rates of the right days.
 */
@ServerTest(properties = {"openchance.forecast.snapshot-initial-delay=0s", "openchance.forecast.snapshot-check=1s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForecastIT {

    static final java.nio.file.Path PLUGINS = PluginBundles.temporaryFolder("openchance-forecast-plugins-");
    static final String DEFAULT_PIPELINE = "00000000-0000-4000-8000-000000000001";
    static final List<String> MODELS = List.of("weighted", "stage-conversion", "monte-carlo", "whole-pipeline");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("openchance.plugins.dir", PLUGINS::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;

    @BeforeEach
    void setUp() throws Exception {
        api = new GraphQlClient(port);
        drop("org/openchance/plugins/forecastweighted/WeightedForecast.class", "forecast-weighted.jar");
        drop("org/openchance/plugins/forecaststageconversion/StageConversionForecast.class", "stage-conversion.jar");
        drop("org/openchance/plugins/forecastmontecarlo/MonteCarloForecast.class", "monte-carlo.jar");
        drop("org/openchance/plugins/testpoorforecast/WholePipeline.class", "whole-pipeline.jar");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.data("{ forecastModels { id } }", Map.of())
                                .path("forecastModels")
                                .size()
                        == 4);
    }

    private static void drop(String classInBundle, String name) throws Exception {
        if (!java.nio.file.Files.exists(PLUGINS.resolve(name))) {
            PluginBundles.drop(PLUGINS, PluginBundles.jarOf(classInBundle), name);
        }
    }

    @Test
    @Order(1) // first: its actuals are every won deal of the past quarters, and the other tests add some
    void backtestRanksThePoorModelLastAndSeesNothingAfterTheCutoff() {
        History history = generatedHistory();
        LocalDate lastQuarterEnd = quarterStart(LocalDate.now(ZoneOffset.UTC)).minusDays(1);
        LocalDate firstQuarter = quarterStart(lastQuarterEnd).minusMonths(21);
        JsonNode before = backtest(firstQuarter, lastQuarterEnd);

        for (JsonNode m : before) { // the numbers quoted in the README
            System.out.println("back-test " + m.path("model").asString() + ": wape " + m.path("wape") + ", bias "
                    + m.path("bias") + ", coverage " + m.path("intervalCoverage"));
        }
        assertThat(before).hasSize(4);
        assertThat(before.get(3).path("model").asString()).isEqualTo("whole-pipeline");
        for (JsonNode model : before) {
            assertThat(model.path("periods")).as(model.toString()).hasSize(8);
            assertThat(model.path("periodsForecast").asInt())
                    .as(model.toString())
                    .isEqualTo(8);
        }
        JsonNode conversion = byModel(before, "stage-conversion");
        // measured: 0.084 for stage-conversion and monte-carlo, 0.115 for weighted, 2.65 for whole-pipeline
        assertThat(conversion.path("wape").asDouble()).as(conversion.toString()).isLessThan(0.2);
        assertThat(byModel(before, "monte-carlo").path("intervalCoverage").isNull())
                .isFalse();
        assertThat(byModel(before, "whole-pipeline").path("wape").asDouble())
                .isGreaterThan(2 * conversion.path("wape").asDouble());
        // every actual is what was won in the quarter, computed here from the generated deals
        for (JsonNode p : conversion.path("periods")) {
            LocalDate start = LocalDate.parse(p.at("/period/start").asString());
            assertThat(new BigDecimal(p.at("/actual/amount").asString()))
                    .isEqualByComparingTo(
                            history.wonIn(start, start.plusMonths(3).minusDays(1)));
        }

        // a deal that exists only after the cut-offs (created now) and is recorded as won in the third quarter
        LocalDate third = firstQuarter.plusMonths(6);
        history.insertWonDealCreatedNow(third.plusDays(20), new BigDecimal("777000"));
        JsonNode after = backtest(firstQuarter, lastQuarterEnd);
        for (String model : MODELS) {
            JsonNode was = byModel(before, model).path("periods");
            JsonNode is = byModel(after, model).path("periods");
            for (int i = 0; i < 8; i++) {
                assertThat(is.get(i).path("forecast"))
                        .as(model + " period " + i)
                        .isEqualTo(was.get(i).path("forecast"));
                BigDecimal grew = new BigDecimal(is.get(i).at("/actual/amount").asString())
                        .subtract(new BigDecimal(was.get(i).at("/actual/amount").asString()));
                // the positive signal: the deal was read, and counts where it really closed
                assertThat(grew).isEqualByComparingTo(i == 2 ? new BigDecimal("777000") : BigDecimal.ZERO);
            }
        }
    }

    @Test
    void aManagersRowIsTheirReportsPlusTheirOwnWithQuotasAdjustmentsAndDatedRates() {
        String manager = api.fixtures().anEmployee("Mara Manager", "mara@forecast.example", List.of("MANAGER"), null);
        String ann = api.fixtures().anEmployee("Ann Report", "ann@forecast.example", List.of("SALES"), manager);
        String ben = api.fixtures().anEmployee("Ben Report", "ben@forecast.example", List.of("SALES"), manager);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate next = quarterStart(today).plusMonths(3);
        LocalDate previous = quarterStart(today).minusMonths(3);
        // USD: 1.10 until the current quarter, 1.25 from its first day (1 EUR = rate USD)
        jdbc.update(
                "insert into exchange_rate (base, currency, valid_from, rate) values ('EUR', 'USD', ?, 1.10),"
                        + " ('EUR', 'USD', ?, 1.25)",
                previous.minusYears(1),
                quarterStart(today));
        String account = api.fixtures().anAccount("Forecast Roll-up AG");
        deal(account, "Ann's deal", ann, "10000", "EUR", 40, next.plusDays(10));
        deal(account, "Ben's deal", ben, "25000", "USD", 60, next.plusDays(40));
        deal(account, "Mara's own deal", manager, "5000", "EUR", 20, next.plusDays(5));
        String wonUsd = deal(account, "Ben's won deal", ben, "11000", "USD", 50, previous.plusDays(15));
        jdbc.update(
                "update opportunity set status = 'WON', closed_at = ?, forecast_category = 'CLOSED', probability = 100,"
                        + " version = version + 1, updated_at = now() where id = ?",
                previous.plusDays(15),
                uuid(wonUsd));

        GraphQlClient mara = api.fixtures().signedIn(manager);
        mara.ok(SET_QUOTA, "setQuota", quota(ann, label(next), "30000", "EUR"));
        for (int m = 0; m < 3; m++) {
            mara.ok(
                    SET_QUOTA,
                    "setQuota",
                    quota(ben, next.plusMonths(m).toString().substring(0, 7), "5000", "EUR"));
        }
        // nobody sets their own quota; a report does not set a peer's
        assertThat(mara.errors(SET_QUOTA, "setQuota", "quota", quota(manager, label(next), "1", "EUR"))
                        .get(0)
                        .path("code")
                        .asString())
                .isEqualTo("FORBIDDEN");
        GraphQlClient annClient = api.fixtures().signedIn(ann);
        assertThat(annClient
                        .errors(SET_QUOTA, "setQuota", "quota", quota(ben, label(next), "1", "EUR"))
                        .get(0)
                        .path("code")
                        .asString())
                .isEqualTo("FORBIDDEN");
        mara.ok(
                "mutation($input: AdjustForecastInput!) { adjustForecast(input: $input) { adjustment { note }"
                        + " errors { code field message } } }",
                "adjustForecast",
                Map.of(
                        "userId",
                        ann,
                        "period",
                        label(next),
                        "amount",
                        Map.of("amount", "9000", "currency", "EUR"),
                        "note",
                        "Customer confirmed the budget"));

        JsonNode rows = forecastRows(previous, next, "OWNER");
        JsonNode maraNext = row(rows, manager, label(next));
        JsonNode annNext = row(rows, ann, label(next));
        JsonNode benNext = row(rows, ben, label(next));
        // weighted by hand: Ann 10,000 x 40 % = 4,000; Ben 25,000 USD / 1.25 = 20,000 EUR x 60 % = 12,000; Mara 1,000
        assertThat(amount(annNext, "weighted")).isEqualByComparingTo("4000");
        assertThat(amount(benNext, "weighted")).isEqualByComparingTo("12000");
        assertThat(amount(maraNext, "weighted")).isEqualByComparingTo("17000");
        for (String field : List.of("weighted", "expected", "pipeline", "commit", "bestCase", "closedWon")) {
            assertThat(amount(maraNext, field))
                    .as(field)
                    .isEqualByComparingTo(amount(annNext, field)
                            .add(amount(benNext, field))
                            .add(mine(rows, manager, label(next), field)));
        }
        // the won USD deal at the rate of its close day (1.10), not today's
        assertThat(amount(row(rows, ben, label(previous)), "closedWon"))
                .isEqualByComparingTo(new BigDecimal("11000").divide(new BigDecimal("1.10"), 2, RoundingMode.HALF_UP));
        // quotas: Ann's quarter, Ben's three months; Mara's row the sum until she has one of her own
        assertThat(amount(annNext, "quota")).isEqualByComparingTo("30000");
        assertThat(amount(benNext, "quota")).isEqualByComparingTo("15000");
        assertThat(amount(maraNext, "quota")).isEqualByComparingTo("45000");
        assertThat(annNext.at("/adjustment/amount/amount").asString()).isEqualTo("9000.00");
        assertThat(annNext.at("/adjustment/note").asString()).isEqualTo("Customer confirmed the budget");
        assertThat(amount(annNext, "expected")).isEqualByComparingTo("4000"); // the computed figure stays
        api.ok(SET_QUOTA, "setQuota", quota(manager, label(next), "100000", "EUR"));
        // a deal made after the last forecast is in the next one (the server keeps the deals between forecasts)
        deal(account, "Ann's late deal", ann, "1000", "EUR", 100, next.plusDays(3));
        JsonNode again = forecastRows(previous, next, "OWNER");
        assertThat(amount(row(again, ann, label(next)), "weighted")).isEqualByComparingTo("5000");
        assertThat(amount(row(again, manager, label(next)), "quota")).isEqualByComparingTo("100000");
        assertThat(row(again, ann, label(next)).path("group").path("parentKey").asString())
                .isEqualTo(manager);
    }

    @Test
    void forecastsAreRecordedWeeklyOnDemandAndNeverChange() {
        String quarter = label(LocalDate.now(ZoneOffset.UTC));
        String query = "query($model: String, $period: String!) { forecastSnapshots(model: $model, period: $period)"
                + " { takenAt asOf model reason takenBy { name } period { label } user { name } weighted { amount }"
                + " expected { amount } p10 { amount } p90 { amount } } }";
        // the weekly job (every second here) records each model once this week, whatever the rounds
        await().atMost(Duration.ofSeconds(60)).until(() -> MODELS.stream()
                .allMatch(m -> jdbc.queryForObject(
                                "select count(*) from forecast_snapshot_week where model = ?", Integer.class, m)
                        == 1));
        JsonNode weekly = api.data(query, Map.of("model", "monte-carlo", "period", quarter))
                .path("forecastSnapshots");
        assertThat(weekly).isNotEmpty();
        assertThat(weekly.get(0).path("reason").asString()).isEqualTo("WEEKLY");
        assertThat(weekly.get(0).path("user").isNull()).isTrue(); // every deal's row first
        assertThat(weekly.get(0).at("/weighted/amount").isMissingNode()).isFalse();
        Integer weeklyRows =
                jdbc.queryForObject("select count(*) from forecast_snapshot where reason = 'WEEKLY'", Integer.class);

        JsonNode recorded = api.data(
                        "mutation { snapshotForecast(input: { models: [\"weighted\"] }) { snapshots { asOf model"
                                + " reason takenBy { name } period { label } weighted { amount } } errors { code } } }",
                        Map.of())
                .path("snapshotForecast");
        assertThat(recorded.path("errors")).isEmpty();
        assertThat(recorded.path("snapshots")).isNotEmpty();
        JsonNode read =
                api.data(query, Map.of("model", "weighted", "period", quarter)).path("forecastSnapshots");
        JsonNode onDemand = null;
        for (JsonNode r : read) {
            if (r.path("reason").asString().equals("ON_DEMAND")) {
                onDemand = r;
                break;
            }
        }
        assertThat(onDemand).as(read.toString()).isNotNull();
        assertThat(onDemand.path("asOf").asString())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(onDemand.at("/takenBy/name").asString()).isNotEmpty();

        // immutable: the table ignores updates and deletes
        String before = jdbc.queryForObject("select sum(weighted)::text from forecast_snapshot", String.class);
        assertThat(jdbc.update("update forecast_snapshot set weighted = weighted + 1"))
                .isZero();
        assertThat(jdbc.update("delete from forecast_snapshot")).isZero();
        assertThat(jdbc.queryForObject("select sum(weighted)::text from forecast_snapshot", String.class))
                .isEqualTo(before);
        // and the weekly job has not recorded a second time meanwhile
        assertThat(jdbc.queryForObject("select count(*) from forecast_snapshot where reason = 'WEEKLY'", Integer.class))
                .isEqualTo(weeklyRows);
        assertThat(api.execute(query, Map.of("period", "Q3"))
                        .path("errors")
                        .get(0)
                        .path("message")
                        .asString())
                .contains("quarter");
    }

    @Test
    void badInputIsAClearError() {
        JsonNode unknown = api.execute(
                "{ forecast(input: { model: \"crystal-ball\", from: \"2026-01-01\", to: \"2026-12-31\" }) { expected"
                        + " { amount } } }",
                Map.of());
        assertThat(unknown.path("errors").get(0).path("message").asString()).contains("crystal-ball", "weighted");
        JsonNode backwards = api.execute(
                "{ forecast(input: { model: \"weighted\", from: \"2026-12-01\", to: \"2026-01-31\" }) { expected"
                        + " { amount } } }",
                Map.of());
        assertThat(backwards.path("errors").get(0).path("message").asString()).contains("after");
        // a back-test costs what it does: three in one document are refused before any runs
        String backtest = "forecastBacktest(input: { models: [\"weighted\"], from: \"2025-01-01\","
                + " to: \"2025-12-31\" }) { model }";
        JsonNode three = api.execute("{ a: " + backtest + " b: " + backtest + " c: " + backtest + " }", Map.of());
        assertThat(three.at("/errors/0/extensions/code").asString())
                .as(three.toString())
                .isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(api.data("{ a: " + backtest + " b: " + backtest + " }", Map.of())
                        .path("a")
                        .get(0)
                        .path("model")
                        .asString())
                .isEqualTo("weighted");
        JsonNode badPeriod = api.errors(SET_QUOTA, "setQuota", "quota", quota(adminId(), "2026-13", "1", "EUR"));
        assertThat(badPeriod.get(0).path("field").asString()).isEqualTo("input.period");
    }

    // --- helpers

    static final String SET_QUOTA = "mutation($input: SetQuotaInput!) { setQuota(input: $input) { quota { amount"
            + " { amount } setAt setBy { name } user { name } period { label } } errors { code field message } } }";

    private JsonNode backtest(LocalDate from, LocalDate to) {
        return api.data(
                        "query($input: ForecastBacktestInput!) { forecastBacktest(input: $input) { model mape wape bias"
                                + " intervalCoverage periodsForecast periods { period { start label } cutoff"
                                + " forecast { amount } p10 { amount } p90 { amount } actual { amount }"
                                + " unavailable openDeals } } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "models",
                                        MODELS,
                                        "periodType",
                                        "QUARTER",
                                        "from",
                                        from.toString(),
                                        "to",
                                        to.toString())))
                .path("forecastBacktest");
    }

    private JsonNode forecastRows(LocalDate from, LocalDate to, String groupBy) {
        return api.data(
                        "query($input: ForecastInput!) { forecast(input: $input) { period { label } group { kind key"
                                + " parentKey name } closedWon { amount } commit { amount } bestCase { amount }"
                                + " pipeline { amount } weighted { amount } expected { amount } quota { amount }"
                                + " attainment adjustment { amount { amount } note adjustedAt adjustedBy { name } } contributors { opportunity"
                                + " { name } share } unavailable } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "model",
                                        "weighted",
                                        "periodType",
                                        "QUARTER",
                                        "from",
                                        from.toString(),
                                        "to",
                                        to.toString(),
                                        "groupBy",
                                        groupBy)))
                .path("forecast");
    }

    private static JsonNode byModel(JsonNode results, String model) {
        for (JsonNode r : results) {
            if (r.path("model").asString().equals(model)) {
                return r;
            }
        }
        throw new AssertionError("no " + model + " in " + results);
    }

    private static JsonNode row(JsonNode rows, String userId, String period) {
        for (JsonNode r : rows) {
            if (r.at("/group/key").asString().equals(userId)
                    && r.at("/period/label").asString().equals(period)) {
                return r;
            }
        }
        throw new AssertionError("no row of " + userId + " for " + period + " in " + rows);
    }

    /** The manager's own deals' part of a field: the manager's deals are only Mara's own deal here. */
    private static BigDecimal mine(JsonNode rows, String manager, String period, String field) {
        return switch (field) {
            case "weighted" -> new BigDecimal("1000");
            case "expected" -> new BigDecimal("1000");
            case "pipeline" -> new BigDecimal("5000");
            default -> BigDecimal.ZERO;
        };
    }

    private static BigDecimal amount(JsonNode row, String field) {
        JsonNode amount = row.path(field).path("amount");
        return amount.isMissingNode() || amount.isNull() ? null : new BigDecimal(amount.asString());
    }

    private static Map<String, Object> quota(String userId, String period, String amount, String currency) {
        return Map.of("userId", userId, "period", period, "amount", Map.of("amount", amount, "currency", currency));
    }

    private String deal(
            String account,
            String name,
            String owner,
            String amount,
            String currency,
            int probability,
            LocalDate close) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("ownerId", owner);
        fields.put("amount", Map.of("amount", amount, "currency", currency));
        fields.put("probability", probability);
        fields.put("expectedCloseDate", close.toString());
        return api.fixtures().anOpportunity(account, name, fields);
    }

    private static UUID uuid(String globalId) {
        return GlobalId.decode(globalId).orElseThrow().uuid();
    }

    private String adminId() {
        return api.data("{ me { id } }", Map.of()).at("/me/id").asString();
    }

    private static String label(LocalDate quarterDay) {
        return quarterDay.getYear() + "-Q" + ((quarterDay.getMonthValue() - 1) / 3 + 1);
    }

    private static LocalDate quarterStart(LocalDate day) {
        return LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
    }

    // --- the generated history

    /** Three years of deals: three new ones a day, through three stages to a close, written as history. */
    private History generatedHistory() {
        History h = new History();
        h.generate();
        return h;
    }

    private final class History {
        final UUID owner = uuid(api.fixtures().anEmployee("Gus Generated", "gus@forecast.example"));
        final UUID account = uuid(api.fixtures().anAccount("Generated Deals GmbH"));
        final List<Map<String, Object>> stages = jdbc.queryForList(
                "select id, default_probability, forecast_category, is_closed, is_won from stage where pipeline_id ="
                        + " ?::uuid and removed_at is null order by position",
                DEFAULT_PIPELINE);
        final List<Object[]> won = new ArrayList<>();

        void generate() {
            Random random = new Random(7);
            UUID s1 = (UUID) open(0).get("id");
            UUID s2 = (UUID) open(1).get("id");
            UUID s3 = (UUID) open(2).get("id");
            UUID wonStage = closed(true);
            UUID lostStage = closed(false);
            Instant now = Instant.now();
            Instant start = now.minus(3 * 365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
            List<Object[]> deals = new ArrayList<>();
            List<Object[]> history = new ArrayList<>();
            for (Instant day = start; day.isBefore(now); day = day.plus(1, ChronoUnit.DAYS)) {
                for (int k = 0; k < 3; k++) {
                    UUID id = UUID.randomUUID();
                    Instant created = day.plus(9 + k, ChronoUnit.HOURS);
                    BigDecimal amount = BigDecimal.valueOf(10_000L + 1_000L * random.nextInt(41));
                    UUID[] path = {s1, s2, s3};
                    double[] onward = {0.6, 0.7, 0.6};
                    Instant at = created;
                    UUID stage = s1;
                    String status = "OPEN";
                    LocalDate closedAt = null;
                    for (int step = 0; step < 3; step++) {
                        int days = step == 2 ? 20 + random.nextInt(21) : 30 + random.nextInt(31);
                        Instant next = at.plus(days, ChronoUnit.DAYS);
                        boolean goesOn = random.nextDouble() < onward[step];
                        if (next.isAfter(now)) {
                            break;
                        }
                        UUID to = step < 2 ? (goesOn ? path[step + 1] : lostStage) : (goesOn ? wonStage : lostStage);
                        history.add(change(id, "stage", stage, to, next));
                        at = next;
                        stage = to;
                        if (to.equals(wonStage) || to.equals(lostStage)) {
                            status = to.equals(wonStage) ? "WON" : "LOST";
                            closedAt = LocalDate.ofInstant(next, ZoneOffset.UTC);
                            history.add(change(id, "status", "OPEN", status, next));
                            if (status.equals("WON")) {
                                won.add(new Object[] {closedAt, amount});
                            }
                            break;
                        }
                    }
                    UUID current = stage;
                    Map<String, Object> s = stages.stream()
                            .filter(r -> r.get("id").equals(current))
                            .findFirst()
                            .orElseThrow();
                    deals.add(new Object[] {
                        id,
                        "Generated " + deals.size(),
                        account,
                        amount,
                        "EUR",
                        status.equals("WON") ? 100 : status.equals("LOST") ? 0 : s.get("default_probability"),
                        LocalDate.ofInstant(created.plus(130, ChronoUnit.DAYS), ZoneOffset.UTC),
                        UUID.fromString(DEFAULT_PIPELINE),
                        stage,
                        Timestamp.from(at),
                        status.equals("OPEN") ? s.get("forecast_category") : "CLOSED",
                        status,
                        owner,
                        closedAt,
                        Timestamp.from(created),
                        Timestamp.from(at)
                    });
                }
            }
            jdbc.batchUpdate(
                    "insert into opportunity (id, name, account_id, amount, amount_currency, probability,"
                            + " expected_close_date, pipeline_id, stage_id, stage_entered_at, forecast_category,"
                            + " status, owner_id, closed_at, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    deals);
            jdbc.batchUpdate(
                    "insert into opportunity_history (opportunity_id, field, old_value, new_value, changed_at)"
                            + " values (?, ?, ?, ?, ?)",
                    history);
        }

        BigDecimal wonIn(LocalDate from, LocalDate to) {
            return won.stream()
                    .filter(w -> !((LocalDate) w[0]).isBefore(from) && !((LocalDate) w[0]).isAfter(to))
                    .map(w -> (BigDecimal) w[1])
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        void insertWonDealCreatedNow(LocalDate closedAt, BigDecimal amount) {
            UUID wonStage = closed(true);
            jdbc.update(
                    "insert into opportunity (id, name, account_id, amount, amount_currency, probability,"
                            + " expected_close_date, pipeline_id, stage_id, forecast_category, status, owner_id,"
                            + " closed_at) values (?, 'Created after every cut-off', ?, ?, 'EUR', 100, ?, ?, ?,"
                            + " 'CLOSED', 'WON', ?, ?)",
                    UUID.randomUUID(),
                    account,
                    amount,
                    closedAt,
                    UUID.fromString(DEFAULT_PIPELINE),
                    wonStage,
                    owner,
                    closedAt);
        }

        private Map<String, Object> open(int i) {
            return stages.stream()
                    .filter(r -> !(Boolean) r.get("is_closed"))
                    .toList()
                    .get(i);
        }

        private UUID closed(boolean won) {
            return (UUID) stages.stream()
                    .filter(r -> (Boolean) r.get("is_closed") && (Boolean) r.get("is_won") == won)
                    .findFirst()
                    .orElseThrow()
                    .get("id");
        }

        private Object[] change(UUID id, String field, Object from, Object to, Instant at) {
            return new Object[] {id, field, from.toString(), to.toString(), Timestamp.from(at)};
        }
    }
}

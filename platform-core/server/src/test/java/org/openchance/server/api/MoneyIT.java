package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Money across currencies: dated exchange rates, a pipeline summary in EUR, USD, JPY and KWD against totals computed
 * by hand (Python's decimal module, 60 digits, half up), amounts without a rate reported, amount filters and ordering
 * across currencies.
 */
@ServerTest
class MoneyIT {

    static final LocalDate TODAY = LocalDate.now();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;

    @BeforeEach
    void signIn() {
        api = new GraphQlClient(port);
    }

    private JsonNode setRate(String currency, String rate, LocalDate validFrom) {
        return api.data(
                        "mutation($input: SetExchangeRateInput!) { setExchangeRate(input: $input) {"
                                + " exchangeRate { currency baseCurrency rate validFrom validUntil setBy { name } }"
                                + " errors { code field message } } }",
                        Map.of("input", Map.of("currency", currency, "rate", rate, "validFrom", validFrom.toString())))
                .get("setExchangeRate");
    }

    private String deal(String name, String pipeline, String amount, String currency) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("pipelineId", pipeline);
        if (amount != null) {
            fields.put("amount", Map.of("amount", amount, "currency", currency));
        }
        return api.fixtures().anOpportunity(api.fixtures().anAccount(name + " AG"), name, fields);
    }

    private void closeWon(String deal, LocalDate closedAt) {
        JsonNode closed = api.data(
                        "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { errors { code field message } } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "id",
                                        deal,
                                        "expectedVersion",
                                        0,
                                        "outcome",
                                        "WON",
                                        "closedAt",
                                        closedAt.toString())))
                .get("closeOpportunity");
        assertThat(closed.get("errors").size()).as(closed.toString()).isZero();
    }

    private JsonNode summary(String pipeline, String currency) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("pipeline", pipeline);
        variables.put("currency", currency);
        return api.data(
                        "query($pipeline: ID, $currency: String) { pipelineSummary(pipelineId: $pipeline, currency:"
                                + " $currency) { stage { name } count amount { amount currency } weightedAmount { amount"
                                + " currency } otherCurrencyCount byCurrency { count original { amount currency }"
                                + " converted { amount currency } notConverted { amount currency } notConvertedCount"
                                + " earliestRate latestRate } } }",
                        variables)
                .get("pipelineSummary");
    }

    private static JsonNode stage(JsonNode summary, String name) {
        for (JsonNode row : summary) {
            if (row.at("/stage/name").asString().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no stage " + name + " in " + summary);
    }

    private static JsonNode part(JsonNode stage, String currency) {
        for (JsonNode part : stage.get("byCurrency")) {
            if (part.at("/original/currency").asString().equals(currency)) {
                return part;
            }
        }
        throw new AssertionError("no " + currency + " in " + stage);
    }

    @Test
    void badRatesAreRefusedNamingTheFieldAndNothingIsWritten() {
        assertThat(api.data("{ reportingCurrency }", Map.of())
                        .get("reportingCurrency")
                        .asString())
                .isEqualTo("EUR");
        int before = jdbc.queryForObject("select count(*) from exchange_rate", Integer.class);
        List<String> refused = new ArrayList<>();
        for (String[] bad : new String[][] {
            {"EURO", "1.1"},
            {"XYZ", "1.1"},
            {"EUR", "1.1"},
            {"USD", "0"},
            {"USD", "-1.2"},
            {"USD", "1.12345678901"},
            {"USD", "123456789012345"}
        }) {
            JsonNode payload = setRate(bad[0], bad[1], TODAY);
            assertThat(payload.get("exchangeRate").isNull())
                    .as(payload.toString())
                    .isTrue();
            refused.add(payload.at("/errors/0/code").asString() + " "
                    + payload.at("/errors/0/field").asString());
        }
        assertThat(refused)
                .containsExactly(
                        "VALIDATION input.currency",
                        "VALIDATION input.currency",
                        "VALIDATION input.currency",
                        "VALIDATION input.rate",
                        "VALIDATION input.rate",
                        "VALIDATION input.rate",
                        "VALIDATION input.rate");
        assertThat(api.data("{ exchangeRates { totalCount } }", Map.of())
                        .at("/exchangeRates/totalCount")
                        .asInt())
                .isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from exchange_rate", Integer.class))
                .isEqualTo(before);
        // not an administrator: refused before anything runs
        GraphQlClient sales = api.fixtures()
                .signedIn(api.fixtures().anEmployee("Vera Verkauf", "vera.money@example.com", List.of("SALES"), null));
        JsonNode denied = sales.execute(
                "mutation { setExchangeRate(input: { currency: \"USD\", rate: \"1.1\", validFrom: \"2026-01-01\" })"
                        + " { errors { code } } }",
                Map.of());
        assertThat(denied.at("/errors/0/extensions/code").asString())
                .as(denied.toString())
                .isEqualTo("FORBIDDEN");
        assertThat(jdbc.queryForObject("select count(*) from exchange_rate", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void summariesConvertWithTheRateOfTheDayThatMattersAndReportWhatHasNoRate() {
        // 1 EUR = ... ; USD changes 100 days ago (first set wrong, then replaced for the same day)
        assertThat(setRate("USD", "1.0873", TODAY.minusDays(400)).get("errors").size())
                .isZero();
        setRate("USD", "1.1500", TODAY.minusDays(100));
        JsonNode replaced = setRate("USD", "1.1650", TODAY.minusDays(100));
        assertThat(replaced.at("/exchangeRate/rate").asString()).isEqualTo("1.165");
        assertThat(replaced.at("/exchangeRate/baseCurrency").asString()).isEqualTo("EUR");
        assertThat(replaced.at("/exchangeRate/setBy/name").isMissingNode()).isFalse();
        setRate("CHF", "0.9412", TODAY.minusDays(400));
        setRate("JPY", "160.5", TODAY.minusDays(400));
        setRate("KWD", "0.3345", TODAY.minusDays(400));

        JsonNode rates = api.data(
                        "{ exchangeRates(currency: \"USD\", first: 1) { totalCount edges { node { rate validFrom"
                                + " validUntil } } pageInfo { hasNextPage endCursor } } }",
                        Map.of())
                .get("exchangeRates");
        assertThat(rates.get("totalCount").asInt()).isEqualTo(2);
        assertThat(rates.at("/edges/0/node/validFrom").asString())
                .isEqualTo(TODAY.minusDays(100).toString());
        assertThat(rates.at("/edges/0/node/validUntil").isNull()).isTrue();
        JsonNode older = api.data(
                        "query($after: String) { exchangeRates(currency: \"USD\", first: 1, after: $after) { edges {"
                                + " node { rate validFrom validUntil } } pageInfo { hasNextPage } } }",
                        Map.of("after", rates.at("/pageInfo/endCursor").asString()))
                .get("exchangeRates");
        assertThat(older.at("/edges/0/node/rate").asString()).isEqualTo("1.0873");
        assertThat(older.at("/edges/0/node/validUntil").asString())
                .isEqualTo(TODAY.minusDays(100).toString());
        assertThat(older.at("/pageInfo/hasNextPage").asBoolean()).isFalse();

        JsonNode created = api.ok(
                        "mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { pipeline { id"
                                + " stages { id } }"
                                + " errors { code field message } } }",
                        "createPipeline",
                        Map.of(
                                "name",
                                "Währungstest",
                                "stages",
                                List.of(Map.of("name", "Angebot", "defaultProbability", 40))))
                .get("pipeline");
        String pipeline = created.get("id").asString();
        String stageId = created.at("/stages/0/id").asString();
        deal("Devisen Euro", pipeline, "1000.00", "EUR");
        deal("Devisen Dollar", pipeline, "1234.56", "USD");
        deal("Devisen Franken", pipeline, "999.99", "CHF");
        deal("Devisen ohne Betrag", pipeline, null, null);
        deal("Devisen Kronor", pipeline, "5000", "SEK"); // no SEK rate
        closeWon(deal("Alt gewonnen", pipeline, "2000.00", "USD"), TODAY.minusDays(200)); // 1.0873
        closeWon(deal("Neu gewonnen", pipeline, "500.00", "USD"), TODAY.minusDays(50)); // 1.1650
        closeWon(deal("Zu alt", pipeline, "300.00", "USD"), TODAY.minusDays(500)); // before any USD rate

        // By hand: 1000.00 + 1234.56 / 1.1650 + 999.99 / 0.9412 = 3122.1709679361...; x 0.40 = 1248.868387...
        JsonNode inEuro = summary(pipeline, null);
        JsonNode offer = stage(inEuro, "Angebot");
        assertThat(offer.get("count").asInt()).isEqualTo(5);
        assertThat(offer.at("/amount/amount").asString()).isEqualTo("3122.17");
        assertThat(offer.at("/amount/currency").asString()).isEqualTo("EUR");
        assertThat(offer.at("/weightedAmount/amount").asString()).isEqualTo("1248.87");
        assertThat(offer.get("otherCurrencyCount").asInt()).isEqualTo(1);
        assertThat(offer.get("byCurrency").findValuesAsString("currency").stream()
                        .distinct()
                        .toList())
                .containsExactly("CHF", "EUR", "SEK", "USD");
        assertThat(part(offer, "USD").at("/converted/amount").asString()).isEqualTo("1059.71");
        assertThat(part(offer, "USD").get("earliestRate").asString())
                .isEqualTo(TODAY.minusDays(100).toString());
        assertThat(part(offer, "CHF").at("/converted/amount").asString()).isEqualTo("1062.46");
        assertThat(part(offer, "EUR").get("earliestRate").isNull()).isTrue();
        JsonNode kronor = part(offer, "SEK");
        assertThat(kronor.get("converted").isNull()).isTrue();
        assertThat(kronor.at("/notConverted/amount").asString()).isEqualTo("5000.00");
        assertThat(kronor.get("notConvertedCount").asInt()).isEqualTo(1);

        // Closed deals convert on their close date: 2000 / 1.0873 + 500 / 1.1650 = 2268.6032930...; 300 has no rate
        JsonNode won = stage(inEuro, "Closed Won");
        assertThat(won.get("count").asInt()).isEqualTo(3);
        assertThat(won.at("/amount/amount").asString()).isEqualTo("2268.60");
        assertThat(won.at("/weightedAmount/amount").asString()).isEqualTo("2268.60");
        assertThat(won.get("otherCurrencyCount").asInt()).isEqualTo(1);
        JsonNode wonDollars = part(won, "USD");
        assertThat(wonDollars.get("earliestRate").asString())
                .isEqualTo(TODAY.minusDays(400).toString());
        assertThat(wonDollars.get("latestRate").asString())
                .isEqualTo(TODAY.minusDays(100).toString());
        assertThat(wonDollars.at("/notConverted/amount").asString()).isEqualTo("300.00");
        assertThat(wonDollars.get("count").asInt()).isEqualTo(3);
        assertThat(wonDollars.at("/original/amount").asString()).isEqualTo("2800.00");

        // Another currency: 1000.00 x 1.1650 + 1234.56 + 999.99 / 0.9412 x 1.1650 = 3637.33; weighted 1454.93
        JsonNode dollars = stage(summary(pipeline, "USD"), "Angebot");
        assertThat(dollars.at("/amount/amount").asString()).isEqualTo("3637.33");
        assertThat(dollars.at("/amount/currency").asString()).isEqualTo("USD");
        assertThat(dollars.at("/weightedAmount/amount").asString()).isEqualTo("1454.93");
        assertThat(stage(summary(pipeline, "USD"), "Closed Won")
                        .at("/amount/amount")
                        .asString())
                .isEqualTo("2800.00"); // its own currency: no rate needed, the 300 from before any rate too
        // Minor units: yen have none (3122.1709679... x 160.5 = 501108.44 -> 501108), dinars three (1044.36618... )
        assertThat(stage(summary(pipeline, "JPY"), "Angebot")
                        .at("/amount/amount")
                        .asString())
                .isEqualTo("501108.00");
        assertThat(stage(summary(pipeline, "KWD"), "Angebot")
                        .at("/amount/amount")
                        .asString())
                .isEqualTo("1044.366");
        // A currency without any rate: nothing can be converted into it, everything is reported
        JsonNode kronorSummary = stage(summary(pipeline, "SEK"), "Angebot");
        assertThat(kronorSummary.at("/amount/amount").asString()).isEqualTo("5000.00");
        assertThat(kronorSummary.get("otherCurrencyCount").asInt()).isEqualTo(3);

        // Filters and ordering compare in the reporting currency with today's rates
        assertThat(names(Map.of("stageIds", List.of(stageId), "amountMin", "1050"), "NAME", "ASC"))
                .containsExactly("Devisen Dollar", "Devisen Franken");
        assertThat(names(Map.of("stageIds", List.of(stageId), "amountMax", "1060"), "NAME", "ASC"))
                .containsExactly("Devisen Dollar", "Devisen Euro");
        List<String> byAmount = names(Map.of("stageIds", List.of(stageId)), "AMOUNT", "ASC");
        // 1000.00 EUR < 1234.56 USD (1059.71 EUR) < 999.99 CHF (1062.46 EUR); no rate and no amount last
        assertThat(byAmount.subList(0, 3)).containsExactly("Devisen Euro", "Devisen Dollar", "Devisen Franken");
        assertThat(byAmount.subList(3, 5)).containsExactlyInAnyOrder("Devisen Kronor", "Devisen ohne Betrag");

        // Search filters the same way: 5000 SEK has no rate and is left out although 5000 > 1050
        String search = "query($q: String!, $filter: SearchFilter) { search(query: $q, types: [OPPORTUNITY], filter:"
                + " $filter) { totalCount edges { node { ... on Opportunity { name } } } } }";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.data(search, Map.of("q", "devisen"))
                                .at("/search/totalCount")
                                .asInt()
                        == 5);
        JsonNode hits = api.data(search, Map.of("q", "devisen", "filter", Map.of("amountMin", "1050")))
                .get("search");
        assertThat(hits.findValuesAsString("name")).containsExactlyInAnyOrder("Devisen Dollar", "Devisen Franken");
    }

    @Test
    void thePipelineOfAPastDayIsSummedAtThatDaysRates() {
        // NOK (only this test uses it): 11 from 30 days ago, 12 from 10 days ago
        setRate("NOK", "11", TODAY.minusDays(30));
        setRate("NOK", "12", TODAY.minusDays(10));
        JsonNode created = api.ok(
                        "mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { pipeline { id"
                                + " stages { id name } } errors { code field message } } }",
                        "createPipeline",
                        Map.of(
                                "name",
                                "Zeitreise",
                                "stages",
                                List.of(
                                        Map.of("name", "Erstgespräch", "defaultProbability", 10),
                                        Map.of("name", "Verhandlung", "defaultProbability", 50))))
                .get("pipeline");
        String pipeline = created.get("id").asString();
        String krone = deal("Fjord", pipeline, "11000", "NOK");
        String euro = deal("Alpen", pipeline, "500", "EUR");
        jdbc.update(
                "update opportunity set created_at = ? where name in ('Fjord', 'Alpen')", noon(TODAY.minusDays(20)));
        JsonNode moved = api.data(
                        "mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) {"
                                + " errors { code field message } } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "id",
                                        euro,
                                        "expectedVersion",
                                        0,
                                        "stageId",
                                        created.at("/stages/1/id").asString())))
                .get("moveOpportunityStage");
        assertThat(moved.get("errors").size()).as(moved.toString()).isZero();
        happenedOn("Alpen", TODAY.minusDays(15));
        api.ok(
                "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { errors { code } } }",
                "updateOpportunity",
                Map.of("id", krone, "expectedVersion", 0, "amount", Map.of("amount", "24000", "currency", "NOK")));
        happenedOn("Fjord", TODAY.minusDays(5));

        // 12 days ago: 11,000 NOK at 11 = 1,000 EUR in the first stage; 500 EUR already in the second
        assertThat(asOf(pipeline, TODAY.minusDays(12)))
                .containsExactly(
                        "Erstgespräch 1 1000.00", "Verhandlung 1 500.00", "Closed Won 0 0.00", "Closed Lost 0 0.00");
        // 3 days ago: the amount of then, 24,000 NOK, at the rate of then, 12
        assertThat(asOf(pipeline, TODAY.minusDays(3))).startsWith("Erstgespräch 1 2000.00", "Verhandlung 1 500.00");
        // before either existed
        assertThat(asOf(pipeline, TODAY.minusDays(25))).startsWith("Erstgespräch 0 0.00", "Verhandlung 0 0.00");
        // 20 days ago in NOK, both still in the first stage: 11,000 NOK as they are + 500 EUR at that day's 11
        JsonNode inKroner = api.data(
                        "query($pipeline: ID, $day: Date) { pipelineSummary(pipelineId: $pipeline, asOf: $day,"
                                + " currency: \"NOK\") { stage { name } amount { amount currency } } }",
                        Map.of("pipeline", pipeline, "day", TODAY.minusDays(20).toString()))
                .get("pipelineSummary");
        assertThat(inKroner.at("/0/amount/amount").asString()).isEqualTo("16500.00");
        assertThat(inKroner.at("/1/amount/amount").asString()).isEqualTo("0.00");
        assertThat(inKroner.at("/0/amount/currency").asString()).isEqualTo("NOK");
    }

    /** The names of the opportunities the filter lets through, in the order asked for. */
    private List<String> names(Map<String, ?> filter, String field, String direction) {
        return api.data(
                        "query($filter: OpportunityFilter, $order: [OpportunityOrder!]) { opportunities(filter:"
                                + " $filter, orderBy: $order) { edges { node { name } } } }",
                        Map.of("filter", filter, "order", List.of(Map.of("field", field, "direction", direction))))
                .get("opportunities")
                .findValuesAsString("name");
    }

    /** The pipeline summary as of a day, one "stage count amount" per stage, amounts in EUR. */
    private List<String> asOf(String pipeline, LocalDate day) {
        List<String> rows = new ArrayList<>();
        api.data(
                        "query($pipeline: ID, $day: Date) { pipelineSummary(pipelineId: $pipeline, asOf: $day) {"
                                + " stage { name } count amount { amount currency } } }",
                        Map.of("pipeline", pipeline, "day", day.toString()))
                .get("pipelineSummary")
                .forEach(row -> rows.add(row.at("/stage/name").asString() + " "
                        + row.get("count").asInt() + " "
                        + row.at("/amount/amount").asString()));
        return rows;
    }

    /** Moves what the opportunity's history recorded in the last minute to noon of that day. */
    private void happenedOn(String name, LocalDate day) {
        jdbc.update(
                "update opportunity_history set changed_at = ? where opportunity_id = (select id from opportunity"
                        + " where name = ?) and changed_at > now() - interval '1 minute'",
                noon(day),
                name);
    }

    private static java.sql.Timestamp noon(LocalDate day) {
        return java.sql.Timestamp.from(day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC));
    }
}

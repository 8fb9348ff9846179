package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;
import org.openchance.testkit.server.ServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The scoring-predictive plugin dropped into a running server: no strategy while the history is too short (the API
 * says why), then trained on closed opportunities with a known signal (big companies win more often) it beats a
 * constant predictor and scores a big company's deal higher, explaining why.
 */
@ServerTest(properties = {"openchance.reminders.poll-interval=1h"})
class PredictiveScoringIT {

    static final Path PLUGINS = PluginBundles.temporaryFolder("openchance-predictive-plugins-");

    static final String MODEL =
            "state message trainingSize heldOutSize auc logLoss constantLogLoss weights { feature weight }";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("openchance.plugins.dir", PLUGINS::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void noScoreWithoutHistoryThenALearnedModelThatBeatsAConstantAndExplainsItself() throws Exception {
        GraphQlClient api = new GraphQlClient(port);
        api.createEmployee("Pia Predict", "pia@example.com");
        PluginBundles.drop(
                PLUGINS,
                PluginBundles.jarOf("org/openchance/plugins/scoringpredictive/WinModel.class"),
                "scoring-predictive.jar");
        JsonNode empty = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.execute("{ predictiveModel { " + MODEL + " } }", Map.of())
                                .path("data")
                                .path("predictiveModel"),
                        m -> m.path("state").asString("").equals("NOT_ENOUGH_HISTORY"));
        assertThat(empty.get("message").asString()).contains("0 (0 won)").contains("at least 50");
        assertThat(strategies(api)).doesNotContain("predictive");

        String big = account(api, "Großkunde AG", 5_000);
        String small = account(api, "Kleinbetrieb KG", 20);
        Random random = new Random(11);
        for (int i = 0; i < 120; i++) {
            boolean isBig = i % 2 == 0;
            // 90 / 10: the held-out fifth (24 deals, chosen by the random ids) must show the signal in every run; at
            // 80 / 20 an unlucky split let the constant win now and then
            boolean won = random.nextDouble() < (isBig ? 0.9 : 0.1);
            String deal = opportunity(api, "Abschluss " + i, isBig ? big : small);
            api.ok(
                    "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { opportunity { id } errors { code field message } } }",
                    "closeOpportunity",
                    won
                            ? Map.of("id", deal, "expectedVersion", 0, "outcome", "WON")
                            : Map.of("id", deal, "expectedVersion", 0, "outcome", "LOST", "reasons", List.of("Price")));
        }

        JsonNode started = api.data("mutation { retrainPredictiveModel { " + MODEL + " } }", Map.of())
                .get("retrainPredictiveModel");
        assertThat(started.get("state").asString())
                .isEqualTo("TRAINING"); // in the background: it may take longer than a call
        JsonNode model = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.data("{ predictiveModel { " + MODEL + " } }", Map.of())
                                .get("predictiveModel"),
                        m -> !m.get("state").asString().equals("TRAINING"));
        assertThat(model.get("state").asString()).as(model.toString()).isEqualTo("READY");
        assertThat(model.get("trainingSize").asInt()).isEqualTo(96);
        assertThat(model.get("heldOutSize").asInt()).isEqualTo(24);
        assertThat(model.get("auc").asDouble()).as("AUC on the held-out fifth").isGreaterThan(0.65);
        assertThat(model.get("logLoss").asDouble())
                .isLessThan(model.get("constantLogLoss").asDouble());
        await().atMost(Duration.ofSeconds(10)).until(() -> strategies(api).contains("predictive"));

        String bigDeal = opportunity(api, "Neu groß", big);
        String smallDeal = opportunity(api, "Neu klein", small);
        JsonNode bigScore = predictive(api, bigDeal);
        JsonNode smallScore = predictive(api, smallDeal);
        assertThat(bigScore.get("value").asDouble())
                .isGreaterThan(smallScore.get("value").asDouble() + 20);
        assertThat(bigScore.at("/contributions/0/criterion").asString()).isEqualTo("Company size (log employees)");
        assertThat(bigScore.at("/contributions/0/explanation").asString()).startsWith("raises the odds of winning");
        assertThat(smallScore.at("/contributions/0/explanation").asString()).startsWith("lowers the odds of winning");

        // calibration: every closed opportunity in one band; the bands with the big company's deals won more often
        JsonNode calibration = api.data(
                        "{ scoreCalibration(strategy: \"predictive\", bands: 5) { closedOpportunities"
                                + " bands { from to count won predictedWinRate actualWinRate } } }",
                        Map.of())
                .get("scoreCalibration");
        assertThat(calibration.get("closedOpportunities").asInt()).isEqualTo(120);
        long counted = 0;
        Double lowest = null;
        Double highest = null;
        for (JsonNode band : calibration.get("bands")) {
            counted += band.get("count").asLong();
            if (band.get("count").asLong() > 0) {
                lowest = lowest == null ? band.get("actualWinRate").asDouble() : lowest;
                highest = band.get("actualWinRate").asDouble();
            }
        }
        assertThat(counted).isEqualTo(120);
        assertThat(highest).isGreaterThan(lowest);
        assertThat(api.execute("{ scoreCalibration(strategy: \"nope\") { closedOpportunities } }", Map.of())
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("VALIDATION");
    }

    private static List<String> strategies(GraphQlClient api) {
        return api.data("{ scoringStrategies { id } }", Map.of())
                .get("scoringStrategies")
                .findValuesAsString("id");
    }

    private static JsonNode predictive(GraphQlClient api, String deal) {
        for (JsonNode score : api.data(
                        "query($id: ID!) { opportunity(id: $id) { scores { strategy value"
                                + " contributions { criterion points explanation } } } }",
                        Map.of("id", deal))
                .at("/opportunity/scores")) {
            if (score.get("strategy").asString().equals("predictive")) {
                return score;
            }
        }
        throw new AssertionError("no predictive score for " + deal);
    }

    private static String account(GraphQlClient api, String name, int employees) {
        return api.fixtures().anAccount(name, Map.of("employeeCount", employees));
    }

    private static String opportunity(GraphQlClient api, String name, String account) {
        return api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of(
                                "name",
                                name,
                                "accountId",
                                account,
                                "amount",
                                Map.of("amount", "50000", "currency", "EUR")))
                .at("/opportunity/id")
                .asString();
    }
}

package org.openchance.server.api;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;

/** The product's plugins that add GraphQL operations (both scorings, competitors, quotes), for a test's plugin folder. */
final class ProductPlugins {

    private ProductPlugins() {}

    /** Drops their bundles into {@code folder} and returns once their operations are in the schema. */
    static void install(Path folder, GraphQlClient admin) throws IOException {
        PluginBundles.drop(
                folder,
                PluginBundles.jarOf("org/openchance/plugins/scoringcriteria/CriteriaScoring.class"),
                "scoring-criteria.jar");
        PluginBundles.drop(
                folder,
                PluginBundles.jarOf("org/openchance/plugins/scoringpredictive/WinModel.class"),
                "scoring-predictive.jar");
        PluginBundles.drop(
                folder,
                PluginBundles.jarOf("org/openchance/plugins/competitors/CompetitorSchema.class"),
                "competitors.jar");
        PluginBundles.drop(
                folder, PluginBundles.jarOf("org/openchance/plugins/quotes/QuoteSchema.class"), "quotes.jar");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.execute(
                        "{ scorecard { version } predictiveModel { state } competitors { totalCount }"
                                + " products { totalCount } quotes(first: 1) { edges { cursor } } }",
                        Map.of())
                .path("errors")
                .isMissingNode());
    }
}

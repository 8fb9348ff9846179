package org.openchance.plugins.scoringpredictive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openchance.api.graphql.FieldResolver;
import org.openchance.api.graphql.SchemaContribution;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The model in the API: its state, training size and held-out quality, its weights; and retraining on demand. */
@Component(service = SchemaContribution.class, property = SchemaContribution.ID + "=predictive-model")
public class PredictiveSchema implements SchemaContribution {

    private final PredictiveModel model;

    @Activate
    public PredictiveSchema(@Reference PredictiveModel model) {
        this.model = model;
    }

    @Override
    public String sdl() {
        return """
                extend type Query {
                  "The learned win-probability model (strategy `predictive`): whether it can score, and how well it does."
                  predictiveModel: PredictiveModel! @policy(allow: EMPLOYEE)
                }

                extend type Mutation {
                  "Starts training the model from every closed opportunity in the background (it also retrains every `retrain-hours` hours, a plugin setting, default 24) and returns the state TRAINING; the current model scores meanwhile. Poll predictiveModel."
                  retrainPredictiveModel: PredictiveModel! @policy(allow: ADMIN)
                }

                "The learned win-probability model: logistic regression over company size, budget coverage, amount, team, competitors, resources and industry, trained on four fifths of the closed opportunities and measured on the other fifth. It needs at least 50 closed opportunities with both outcomes."
                type PredictiveModel {
                  "READY, NOT_ENOUGH_HISTORY (no scores then), TRAINING or FAILED."
                  state: String!
                  "What the state means in words, e.g. how many closed opportunities it was trained on or why there is no model."
                  message: String!
                  "When the model that scores now was trained; null when there is none."
                  trainedAt: DateTime
                  "How many closed opportunities it was trained on; null when there is no model."
                  trainingSize: Int
                  "How many closed opportunities were held out to measure it (a fifth); null when there is no model."
                  heldOutSize: Int
                  "Area under the ROC curve on the held-out fifth: 0.5 is guessing, 1 is perfect."
                  auc: Float
                  "The mean log-loss of its predictions on the held-out fifth: lower is better; null when there is no model."
                  logLoss: Float
                  "The log-loss of always predicting the training win rate: the model must do better to be worth it."
                  constantLogLoss: Float
                  "The share of won opportunities among those it was trained on, 0 to 1; null when there is no model."
                  winRate: Float
                  "One weight per feature the model uses; empty when there is no model."
                  weights: [PredictiveModelWeight!]!
                }

                "How strongly one feature pushes the win probability."
                type PredictiveModelWeight {
                  "The feature, e.g. Budget coverage or Industry Manufacturing."
                  feature: String!
                  "Change of the log-odds per standard deviation of the feature."
                  weight: Float!
                }
                """;
    }

    @Override
    public Map<String, Map<String, FieldResolver>> resolvers() {
        return Map.of(
                "Query", Map.of("predictiveModel", context -> view(model.status())),
                "Mutation", Map.of("retrainPredictiveModel", context -> view(model.retrainInBackground())));
    }

    private static Map<String, Object> view(PredictiveModel.Status status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", status.state());
        view.put("message", status.message());
        WinModel m = status.model();
        WinModel.Quality q = m == null ? null : m.quality();
        view.put("trainedAt", m == null ? null : m.trainedAt().toString());
        view.put("trainingSize", q == null ? null : q.trainingSize());
        view.put("heldOutSize", q == null ? null : q.heldOutSize());
        view.put("auc", q == null ? null : q.auc());
        view.put("logLoss", q == null ? null : q.logLoss());
        view.put("constantLogLoss", q == null ? null : q.constantLogLoss());
        view.put("winRate", q == null ? null : q.winRate());
        List<Map<String, Object>> weights = new ArrayList<>();
        if (m != null) {
            double[] w = m.weights();
            for (int j = 0; j < w.length; j++) {
                weights.add(Map.of("feature", m.featureNames().get(j), "weight", w[j]));
            }
        }
        view.put("weights", weights);
        return view;
    }
}

package org.openchance.plugins.scoringpredictive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Contribution;
import org.openchance.api.scoring.Score;

/**
 * Win probability by L2-regularised logistic regression over {@link Features}: transparent (one weight per feature,
 * each score explained as the features' pushes on the log-odds), reproducible (seeded split, deterministic full-batch
 * gradient descent), and honest about its quality (AUC and log-loss on a held-out fifth, next to a constant
 * predictor's log-loss).
 */
final class WinModel {

    /** Fewer closed opportunities than this (or only one outcome among them): no model, and the API says so. */
    static final int MIN_CLOSED = 50;

    private static final int ITERATIONS = 400;
    private static final double LEARNING_RATE = 0.5;
    private static final double L2 = 0.01;

    /** How well the model did on opportunities it was not trained on. */
    record Quality(
            int trainingSize, int heldOutSize, double auc, double logLoss, double constantLogLoss, double winRate) {}

    private final Features features;
    private final double intercept;
    private final double[] weights;
    private final Quality quality;
    private final Instant trainedAt;

    private WinModel(Features features, double intercept, double[] weights, Quality quality, Instant trainedAt) {
        this.features = features;
        this.intercept = intercept;
        this.weights = weights;
        this.quality = quality;
        this.trainedAt = trainedAt;
    }

    /**
     * Trains on closed opportunities (status WON or LOST): four fifths to fit, one fifth (chosen with the seed) to
     * measure. Throws {@link NotEnoughHistory} below {@link #MIN_CLOSED} or with only one outcome.
     */
    static WinModel train(List<OpportunitySnapshot> closed, long seed, Instant now) {
        long won = closed.stream().filter(o -> "WON".equals(o.status())).count();
        if (closed.size() < MIN_CLOSED || won == 0 || won == closed.size()) {
            throw new NotEnoughHistory(closed.size(), won);
        }
        List<OpportunitySnapshot> shuffled = new ArrayList<>(closed);
        shuffled.sort(Comparator.comparing(OpportunitySnapshot::id)); // the same input order whatever the reading order
        java.util.Collections.shuffle(shuffled, new Random(seed));
        int heldOut = Math.max(1, shuffled.size() / 5);
        List<OpportunitySnapshot> test = shuffled.subList(0, heldOut);
        List<OpportunitySnapshot> training = shuffled.subList(heldOut, shuffled.size());

        Features features = Features.fit(training);
        double[][] x = training.stream().map(features::of).toArray(double[][]::new);
        double[] y = training.stream()
                .mapToDouble(o -> "WON".equals(o.status()) ? 1 : 0)
                .toArray();
        int n = x.length;
        int d = features.size();
        double winRate = java.util.Arrays.stream(y).average().orElse(0.5);
        double intercept = Math.log(winRate / (1 - winRate)); // start at the constant predictor
        double[] w = new double[d];
        double[] gradient = new double[d];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            java.util.Arrays.fill(gradient, 0);
            double gradientIntercept = 0;
            for (int i = 0; i < n; i++) {
                double error = sigmoid(intercept + dot(w, x[i])) - y[i];
                gradientIntercept += error;
                for (int j = 0; j < d; j++) {
                    gradient[j] += error * x[i][j];
                }
            }
            intercept -= LEARNING_RATE * gradientIntercept / n;
            for (int j = 0; j < d; j++) {
                w[j] -= LEARNING_RATE * (gradient[j] / n + L2 * w[j]);
            }
        }
        WinModel model = new WinModel(features, intercept, w, null, now);
        double[] predicted = test.stream().mapToDouble(model::probability).toArray();
        double[] actual =
                test.stream().mapToDouble(o -> "WON".equals(o.status()) ? 1 : 0).toArray();
        double[] constant = new double[actual.length];
        java.util.Arrays.fill(constant, winRate);
        Quality quality = new Quality(
                training.size(),
                test.size(),
                Metrics.auc(predicted, actual),
                Metrics.logLoss(predicted, actual),
                Metrics.logLoss(constant, actual),
                winRate);
        return new WinModel(features, intercept, w, quality, now);
    }

    double probability(OpportunitySnapshot opportunity) {
        return sigmoid(intercept + dot(weights, features.of(opportunity)));
    }

    /**
     * The win probability as a score of 0 to 100, and each feature's push on the log-odds as a contribution (strongest
     * first): points are the push in log-odds × 10, signed; the explanation says up or down.
     */
    Score score(OpportunitySnapshot opportunity) {
        double[] x = features.of(opportunity);
        double[] raw = features.raw(opportunity);
        List<Contribution> contributions = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            double push = weights[j] * x[j];
            if (Math.abs(push) < 1e-6) {
                continue;
            }
            contributions.add(new Contribution(
                    features.names().get(j),
                    Math.round(weights[j] * 1000) / 1000.0,
                    format(raw[j]),
                    Math.round(push * 100) / 10.0,
                    String.format(
                            Locale.ROOT,
                            "%s the odds of winning by a factor of %.2f",
                            push > 0 ? "raises" : "lowers",
                            Math.exp(Math.abs(push)))));
        }
        contributions.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.points())));
        double value = Math.round(probability(opportunity) * 1000) / 10.0;
        return new Score(value, contributions);
    }

    Quality quality() {
        return quality;
    }

    Instant trainedAt() {
        return trainedAt;
    }

    List<String> featureNames() {
        return features.names();
    }

    double[] weights() {
        return weights.clone();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Too little history to learn from; the API reports it instead of a number. */
    static final class NotEnoughHistory extends RuntimeException {
        final int closed;
        final long won;

        NotEnoughHistory(int closed, long won) {
            super("Not enough closed opportunities to learn from: " + closed + " (" + won + " won); at least "
                    + MIN_CLOSED + " with both outcomes are needed");
            this.closed = closed;
            this.won = won;
        }
    }
}

package org.openchance.plugins.scoringpredictive;

import java.util.Arrays;
import java.util.Comparator;

/** How good predictions of a yes/no outcome are. */
final class Metrics {

    private Metrics() {}

    /**
     * Area under the ROC curve: the chance that a random won deal was predicted higher than a random lost one (ties
     * count half). 0.5 is guessing.
     */
    static double auc(double[] predicted, double[] actual) {
        Integer[] order = new Integer[predicted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && predicted[order[j + 1]] == predicted[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ties share their ranks
            for (int k = i; k <= j; k++) {
                if (actual[order[k]] == 1) {
                    rankSumPositives += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = predicted.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /** Mean negative log-likelihood; lower is better. */
    static double logLoss(double[] predicted, double[] actual) {
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double p = Math.min(Math.max(predicted[i], 1e-12), 1 - 1e-12);
            sum -= actual[i] * Math.log(p) + (1 - actual[i]) * Math.log(1 - p);
        }
        return sum / predicted.length;
    }
}

package org.openchance.plugins.competitors;

/**
 * The Wilson score interval of a win rate: honest for small counts and rates near 0 or 1, where the textbook
 * p ± 1.96·√(p(1−p)/n) leaves [0, 1] or shrinks to nothing (2 wins of 2 are not "100 % ± 0").
 */
final class Wilson {

    /** The normal quantile of a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    private Wilson() {}

    /** {low, high} of the 95 % interval of {@code wins} of {@code deals}; null for no deals. */
    static double[] interval(int wins, int deals) {
        if (deals <= 0) {
            return null;
        }
        double n = deals;
        double p = wins / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}

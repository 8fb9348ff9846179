package org.openchance.plugins.forecastmontecarlo;

import java.util.SplittableRandom;

/** The simulation's hot loop and the statistics of its results; doubles throughout, for speed. */
final class Simulation {

    private Simulation() {}

    /**
     * Plays the pipeline {@code runs} times: each deal is won with its win rate and then closes on a remaining-days
     * value drawn uniformly from its outlook, its amount going to that day's period. Returns the sums won per period
     * and run, {@code [period][run]}. The same pipeline and seed give the same sums.
     *
     * <p>The loop is the forecast's cost (runs × deals, up to 6 million), so it is branch-free: a single 53-bit
     * random number {@code u} decides both the win ({@code u < threshold}, probability win rate) and, when won, the
     * close day ({@code u / threshold} is then uniform in [0, 1)). A lost deal adds 0, through a bit mask, to
     * whichever slot its number points at; random wins would otherwise mispredict a branch a third of the time.
     */
    static double[][] run(Pipeline pipeline, int periods, int runs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int stride = periods + 1; // one slot per period and the slot for days in none
        double[] slots = new double[runs * stride];
        for (int deal = 0; deal < pipeline.simulatedDeals(); deal++) {
            int[] periodOfDraw = pipeline.periodOfDraw[deal];
            int lastDraw = periodOfDraw.length - 1;
            long threshold = Math.max(1, (long) (pipeline.winRates[deal] * 0x1p53));
            double drawScale = periodOfDraw.length / (double) threshold;
            long amountBits = Double.doubleToRawLongBits(pipeline.amounts[deal]);
            for (int run = 0, base = 0; run < runs; run++, base += stride) {
                long u = random.nextLong() >>> 11;
                long wonMask = (u - threshold) >> 63; // all ones when won, else 0
                int period = periodOfDraw[Math.min((int) (u * drawScale), lastDraw)];
                slots[base + period] += Double.longBitsToDouble(amountBits & wonMask);
            }
        }
        double[][] sums = new double[periods][runs];
        for (int run = 0, base = 0; run < runs; run++, base += stride) {
            for (int period = 0; period < periods; period++) {
                sums[period][run] = slots[base + period];
            }
        }
        return sums;
    }

    static double mean(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total / values.length;
    }

    /** The share of values at least {@code threshold}. */
    static double shareAtLeast(double[] values, double threshold) {
        int count = 0;
        for (double value : values) {
            if (value >= threshold) {
                count++;
            }
        }
        return (double) count / values.length;
    }

    /** The {@code q}-quantile (0 to 1) of sorted values, interpolating linearly between neighbours. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

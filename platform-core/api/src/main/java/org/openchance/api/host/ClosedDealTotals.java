package org.openchance.api.host;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The closed deals of one group, summed by the host: how many were won and lost, their amounts in the reporting
 * currency (each at its close date's rate; deals without an amount or a rate counted in {@code notConverted}), and
 * the days from creation to close. A value the host builds; accessors may be added in minor versions.
 */
public final class ClosedDealTotals {

    private final String key;
    private final String label;
    private final int wins;
    private final int losses;
    private final BigDecimal wonAmount;
    private final BigDecimal lostAmount;
    private final int notConverted;
    private final long cycleDays;
    private final int discounted;
    private final BigDecimal discountSum;

    private ClosedDealTotals(
            String key,
            String label,
            int wins,
            int losses,
            BigDecimal wonAmount,
            BigDecimal lostAmount,
            int notConverted,
            long cycleDays,
            int discounted,
            BigDecimal discountSum) {
        this.key = key;
        this.label = label;
        this.wins = wins;
        this.losses = losses;
        this.wonAmount = Objects.requireNonNull(wonAmount, "wonAmount");
        this.lostAmount = Objects.requireNonNull(lostAmount, "lostAmount");
        this.notConverted = notConverted;
        this.cycleDays = cycleDays;
        this.discounted = discounted;
        this.discountSum = Objects.requireNonNull(discountSum, "discountSum");
    }

    /**
     * @param key        the group; null for the deals in no given group (see {@link OpportunityReader#closedTotals(
     *     ClosedDealQuery, java.util.Map)})
     * @param cycleDays  the sum over the group's deals of the days from creation to close
     */
    public static ClosedDealTotals of(
            String key,
            String label,
            int wins,
            int losses,
            BigDecimal wonAmount,
            BigDecimal lostAmount,
            int notConverted,
            long cycleDays) {
        return of(key, label, wins, losses, wonAmount, lostAmount, notConverted, cycleDays, 0, BigDecimal.ZERO);
    }

    /**
     * As {@link #of(String, String, int, int, BigDecimal, BigDecimal, int, long)}, with the quoted discounts.
     *
     * @param discounted  how many of the group's deals have a quoted discount
     * @param discountSum the sum of their discounts in percent
     */
    public static ClosedDealTotals of(
            String key,
            String label,
            int wins,
            int losses,
            BigDecimal wonAmount,
            BigDecimal lostAmount,
            int notConverted,
            long cycleDays,
            int discounted,
            BigDecimal discountSum) {
        return new ClosedDealTotals(
                key, label, wins, losses, wonAmount, lostAmount, notConverted, cycleDays, discounted, discountSum);
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public int wins() {
        return wins;
    }

    public int losses() {
        return losses;
    }

    public int deals() {
        return wins + losses;
    }

    public BigDecimal wonAmount() {
        return wonAmount;
    }

    public BigDecimal lostAmount() {
        return lostAmount;
    }

    /** Deals whose amount could not be converted (no rate on the close date), left out of the amounts. */
    public int notConverted() {
        return notConverted;
    }

    /** The sum of the days from creation to close; divide by {@link #deals()} for the average. */
    public long cycleDays() {
        return cycleDays;
    }

    /**
     * How many of the group's deals have a quoted discount: that of their latest sent or accepted quote, as a quotes
     * plugin reported it.
     */
    public int discounted() {
        return discounted;
    }

    /** The sum of those discounts in percent; divide by {@link #discounted()} for the average. */
    public BigDecimal discountSum() {
        return discountSum;
    }

    @Override
    public String toString() {
        return "ClosedDealTotals[" + key + ": " + wins + " won, " + losses + " lost]";
    }
}

package org.openchance.plugins.quotes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A quote's amounts, computed exactly and rounded the way a German invoice is (commercial rounding, half up, to the
 * currency's minor unit: cents for EUR, none for JPY):
 *
 * <ol>
 *   <li>line net = quantity × unit price × (1 − line discount / 100), rounded per line;
 *   <li>subtotal = the sum of the line nets, optional lines left out (the customer has not chosen them);
 *   <li>quote discount = subtotal × quote discount / 100, rounded; net = subtotal − quote discount;
 *   <li>the quote discount is shared among the tax rates in proportion to their lines' nets by largest remainder
 *       (each share rounded down, the cents left to the largest remainders), so the bases add up to the net exactly
 *       and none is negative;
 *   <li>tax per rate = base × rate / 100, rounded per rate (never per line);
 *   <li>total = net + the taxes.
 * </ol>
 */
record Totals(
        List<BigDecimal> lineNets,
        BigDecimal subtotal,
        BigDecimal discount,
        BigDecimal net,
        List<Tax> taxes,
        BigDecimal total,
        BigDecimal optionalNet) {

    /** What a line contributes: the inputs of the rule above. */
    record Line(
            BigDecimal quantity,
            BigDecimal unitPrice,
            BigDecimal discountPercent,
            BigDecimal taxRate,
            boolean optional) {}

    /** The tax at one rate: the rate in percent, the discounted net it is charged on, the tax. */
    record Tax(BigDecimal rate, BigDecimal base, BigDecimal amount) {}

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static Totals of(String currency, List<Line> lines, BigDecimal quoteDiscountPercent) {
        int scale = minorUnits(currency);
        List<BigDecimal> nets = new ArrayList<>();
        BigDecimal subtotal = zero(scale);
        BigDecimal optional = zero(scale);
        Map<BigDecimal, BigDecimal> netByRate = new TreeMap<>();
        for (Line line : lines) {
            BigDecimal net = line.quantity()
                    .multiply(line.unitPrice())
                    .multiply(HUNDRED.subtract(line.discountPercent()))
                    .divide(HUNDRED)
                    .setScale(scale, RoundingMode.HALF_UP);
            nets.add(net);
            if (line.optional()) {
                optional = optional.add(net);
            } else {
                subtotal = subtotal.add(net);
                netByRate.merge(line.taxRate().stripTrailingZeros(), net, BigDecimal::add);
            }
        }
        BigDecimal discount =
                subtotal.multiply(quoteDiscountPercent).divide(HUNDRED).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal net = subtotal.subtract(discount);

        List<Tax> taxes = new ArrayList<>();
        Map<BigDecimal, BigDecimal> shares = shares(discount, subtotal, netByRate, scale);
        for (Map.Entry<BigDecimal, BigDecimal> rate : netByRate.entrySet()) {
            BigDecimal base = rate.getValue().subtract(shares.get(rate.getKey()));
            BigDecimal tax = base.multiply(rate.getKey()).divide(HUNDRED).setScale(scale, RoundingMode.HALF_UP);
            taxes.add(new Tax(rate.getKey(), base, tax));
        }
        BigDecimal total = net;
        for (Tax tax : taxes) {
            total = total.add(tax.amount());
        }
        return new Totals(List.copyOf(nets), subtotal, discount, net, List.copyOf(taxes), total, optional);
    }

    /**
     * How much the customer is given off the quote's own prices, in percent: 100 × (1 − net / the undiscounted
     * subtotal, each line rounded to the currency's minor unit), optional lines left out, to 4 decimals; null when there is nothing to discount (no priced lines).
     */
    static BigDecimal discountPercent(List<Line> lines, Totals totals) {
        // each line rounded as its net is: a quote without any discount comes to exactly 0
        BigDecimal undiscounted = BigDecimal.ZERO;
        for (Line line : lines) {
            if (!line.optional()) {
                undiscounted = undiscounted.add(line.quantity()
                        .multiply(line.unitPrice())
                        .setScale(totals.net().scale(), RoundingMode.HALF_UP));
            }
        }
        if (undiscounted.signum() == 0) {
            return null;
        }
        BigDecimal percent =
                HUNDRED.subtract(totals.net().multiply(HUNDRED).divide(undiscounted, 4, RoundingMode.HALF_UP));
        return percent.max(BigDecimal.ZERO).min(HUNDRED); // rounding of the line nets can step past either end
    }

    /**
     * The quote discount shared over the rates in proportion to their nets, by largest remainder: each share is its
     * exact part rounded down to the minor unit, and the units left go one each to the rates with the largest
     * remainders (the higher rate first on a tie). The shares add up to the discount and none is negative or above
     * its rate's net.
     */
    private static Map<BigDecimal, BigDecimal> shares(
            BigDecimal discount, BigDecimal subtotal, Map<BigDecimal, BigDecimal> netByRate, int scale) {
        Map<BigDecimal, BigDecimal> shares = new TreeMap<>();
        if (discount.signum() == 0) {
            netByRate.keySet().forEach(rate -> shares.put(rate, zero(scale)));
            return shares;
        }
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        BigDecimal left = discount;
        List<Map.Entry<BigDecimal, BigDecimal>> remainders = new ArrayList<>();
        for (Map.Entry<BigDecimal, BigDecimal> rate : netByRate.entrySet()) {
            BigDecimal exact = discount.multiply(rate.getValue()).divide(subtotal, scale + 10, RoundingMode.DOWN);
            BigDecimal share = exact.setScale(scale, RoundingMode.DOWN);
            shares.put(rate.getKey(), share);
            remainders.add(Map.entry(rate.getKey(), exact.subtract(share)));
            left = left.subtract(share);
        }
        remainders.sort(Map.Entry.<BigDecimal, BigDecimal>comparingByValue()
                .reversed()
                .thenComparing(
                        Map.Entry.<BigDecimal, BigDecimal>comparingByKey().reversed()));
        for (int i = 0; left.signum() > 0 && i < remainders.size(); i++) {
            shares.merge(remainders.get(i).getKey(), unit, BigDecimal::add);
            left = left.subtract(unit);
        }
        return shares;
    }

    /** 2 for EUR, 0 for JPY, 3 for KWD. */
    static int minorUnits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private static BigDecimal zero(int scale) {
        return BigDecimal.ZERO.setScale(scale);
    }
}

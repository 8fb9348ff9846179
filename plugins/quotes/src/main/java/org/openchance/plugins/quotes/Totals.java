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
 *   <li>the quote discount is shared among the tax rates in proportion to their lines' nets, each share rounded, the
 *       highest rate taking what rounding leaves, so the bases add up to the net exactly;
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
        BigDecimal discountLeft = discount;
        int i = 0;
        for (Map.Entry<BigDecimal, BigDecimal> rate : netByRate.entrySet()) {
            boolean last = ++i == netByRate.size();
            BigDecimal share;
            if (last) {
                share = discountLeft;
            } else if (discount.signum() == 0) { // also when the subtotal is 0
                share = zero(scale);
            } else {
                share = discount.multiply(rate.getValue()).divide(subtotal, scale, RoundingMode.HALF_UP);
            }
            discountLeft = discountLeft.subtract(share);
            BigDecimal base = rate.getValue().subtract(share);
            BigDecimal tax = base.multiply(rate.getKey()).divide(HUNDRED).setScale(scale, RoundingMode.HALF_UP);
            taxes.add(new Tax(rate.getKey(), base, tax));
        }
        BigDecimal total = net;
        for (Tax tax : taxes) {
            total = total.add(tax.amount());
        }
        return new Totals(List.copyOf(nets), subtotal, discount, net, List.copyOf(taxes), total, optional);
    }

    /** 2 for EUR, 0 for JPY, 3 for KWD. */
    static int minorUnits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private static BigDecimal zero(int scale) {
        return BigDecimal.ZERO.setScale(scale);
    }
}

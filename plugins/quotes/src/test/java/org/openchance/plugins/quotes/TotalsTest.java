package org.openchance.plugins.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rounding rule of {@link Totals} against amounts worked out by hand. */
class TotalsTest {

    private static Totals.Line line(String quantity, String price, String discount, String rate) {
        return new Totals.Line(
                new BigDecimal(quantity), new BigDecimal(price), new BigDecimal(discount), new BigDecimal(rate), false);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void five_lines_two_rates_and_a_quote_discount() {
        // by hand:
        //   2 × 1,250.00 less 10 %        = 2,250.00   (19 %)
        //   0.5 × 980.00                  =   490.00   (19 %)
        //   3 × 33.33 less 5 % = 94.9905  =    94.99   (7 %)
        //   1 × 19.99                     =    19.99   (7 %)
        //   12 × 0.10                     =     1.20   (19 %)
        //   subtotal 2,856.18; 3 % discount = 85.6854 -> 85.69; net 2,770.49
        //   7 % lines 114.98: discount share 85.69 × 114.98 / 2,856.18 = 3.4496 -> 3.45; base 111.53; tax 7.8071 ->
        // 7.81
        //   19 % lines 2,741.20: share 85.69 - 3.45 = 82.24; base 2,658.96; tax 505.2024 -> 505.20
        //   total 2,770.49 + 7.81 + 505.20 = 3,283.50
        Totals t = Totals.of(
                "EUR",
                List.of(
                        line("2", "1250.00", "10", "19"),
                        line("0.5", "980.00", "0", "19"),
                        line("3", "33.33", "5", "7"),
                        line("1", "19.99", "0", "7"),
                        line("12", "0.10", "0", "19")),
                d("3"));
        assertThat(t.lineNets()).containsExactly(d("2250.00"), d("490.00"), d("94.99"), d("19.99"), d("1.20"));
        assertThat(t.subtotal()).isEqualByComparingTo("2856.18");
        assertThat(t.discount()).isEqualByComparingTo("85.69");
        assertThat(t.net()).isEqualByComparingTo("2770.49");
        assertThat(t.taxes()).hasSize(2);
        assertThat(t.taxes().get(0).rate()).isEqualByComparingTo("7");
        assertThat(t.taxes().get(0).base()).isEqualByComparingTo("111.53");
        assertThat(t.taxes().get(0).amount()).isEqualByComparingTo("7.81");
        assertThat(t.taxes().get(1).base()).isEqualByComparingTo("2658.96");
        assertThat(t.taxes().get(1).amount()).isEqualByComparingTo("505.20");
        assertThat(t.total()).isEqualByComparingTo("3283.50");
    }

    @Test
    void a_third_is_rounded_per_line_not_at_the_end() {
        // 1/3 hour three times at 100.00: each line 33.3333... -> 33.33, so 99.99 (not 100.00)
        Totals t = Totals.of(
                "EUR",
                List.of(
                        line("0.3333", "100", "0", "19"),
                        line("0.3333", "100", "0", "19"),
                        line("0.3333", "100", "0", "19")),
                BigDecimal.ZERO);
        assertThat(t.subtotal()).isEqualByComparingTo("99.99");
        // 19 % of 99.99 = 18.9981 -> 19.00
        assertThat(t.taxes().get(0).amount()).isEqualByComparingTo("19.00");
        assertThat(t.total()).isEqualByComparingTo("118.99");
    }

    @Test
    void half_a_cent_rounds_up() {
        // 1 × 0.125 = 0.125 -> 0.13 (commercial rounding, not banker's 0.12)
        Totals t = Totals.of("EUR", List.of(line("1", "0.125", "0", "0")), BigDecimal.ZERO);
        assertThat(t.subtotal()).isEqualByComparingTo("0.13");
        assertThat(t.total()).isEqualByComparingTo("0.13");
    }

    @Test
    void a_hundred_percent_discount_gives_nothing_and_no_tax() {
        Totals t = Totals.of("EUR", List.of(line("5", "200", "100", "19"), line("1", "50", "0", "7")), d("100"));
        assertThat(t.lineNets()).containsExactly(d("0.00"), d("50.00"));
        assertThat(t.subtotal()).isEqualByComparingTo("50.00");
        assertThat(t.discount()).isEqualByComparingTo("50.00");
        assertThat(t.net()).isEqualByComparingTo("0");
        assertThat(t.taxes()).allSatisfy(tax -> assertThat(tax.amount()).isEqualByComparingTo("0"));
        assertThat(t.total()).isEqualByComparingTo("0");
    }

    @Test
    void yen_have_no_minor_unit() {
        // 3 × 1,999 less 7.5 % = 5,547.225 -> 5,547; 10 % tax 554.7 -> 555; total 6,102
        Totals t = Totals.of("JPY", List.of(line("3", "1999", "7.5", "10")), BigDecimal.ZERO);
        assertThat(t.subtotal()).isEqualByComparingTo("5547");
        assertThat(t.subtotal().scale()).isZero();
        assertThat(t.taxes().get(0).amount()).isEqualByComparingTo("555");
        assertThat(t.total()).isEqualByComparingTo("6102");
    }

    @Test
    void optional_lines_are_shown_but_not_counted() {
        Totals t = Totals.of(
                "EUR",
                List.of(line("1", "1000", "0", "19"), new Totals.Line(d("2"), d("150"), d("0"), d("19"), true)),
                BigDecimal.ZERO);
        assertThat(t.lineNets()).containsExactly(d("1000.00"), d("300.00"));
        assertThat(t.subtotal()).isEqualByComparingTo("1000.00");
        assertThat(t.optionalNet()).isEqualByComparingTo("300.00");
        assertThat(t.total()).isEqualByComparingTo("1190.00");
    }

    @Test
    void no_rate_gets_a_negative_base_from_the_discount_shares() {
        // 0 %: 1.00, 7 %: 1.00, 19 %: nothing; 0.5 % of 2.00 = 0.01: the cent goes to a rate with a net, the higher
        Totals t = Totals.of(
                "EUR",
                List.of(line("1", "1.00", "0", "0"), line("1", "1.00", "0", "7"), line("1", "0", "0", "19")),
                d("0.5"));
        assertThat(t.taxes()).extracting(Totals.Tax::base).containsExactly(d("1.00"), d("0.99"), d("0.00"));
        // 5/10/16/20 % with nets 0.23/2.01/2.60/0.00 and 5.26 %: shares by largest remainder, none below zero
        Totals u = Totals.of(
                "EUR",
                List.of(
                        line("1", "0.23", "0", "5"),
                        line("1", "2.01", "0", "10"),
                        line("1", "2.60", "0", "16"),
                        line("1", "0", "0", "20")),
                d("5.26"));
        assertThat(u.taxes()).allSatisfy(tax -> assertThat(tax.base().signum()).isNotNegative());
        BigDecimal bases = u.taxes().stream().map(Totals.Tax::base).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(bases).isEqualByComparingTo(u.net());
    }

    @Test
    void the_discount_shares_add_up_to_the_discount_whatever_the_rounding() {
        // three rates of 0.01 each and a 50 % discount: 0.015 -> 0.02 off 0.03; exact shares 0.00667 each, so each
        // 0.00 rounded down and the two cents left to the two higher rates
        Totals t = Totals.of(
                "EUR",
                List.of(line("1", "0.01", "0", "0"), line("1", "0.01", "0", "7"), line("1", "0.01", "0", "19")),
                d("50"));
        BigDecimal bases = t.taxes().stream().map(Totals.Tax::base).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(t.discount()).isEqualByComparingTo("0.02");
        assertThat(bases).isEqualByComparingTo(t.net());
    }

    @Test
    void theDiscountIsWhatTheCustomerIsGivenOffTheQuotesOwnPrices() {
        // the five lines above at their own prices: 2,500.00 + 490.00 + 99.99 + 19.99 + 1.20 = 3,111.18; net 2,770.49;
        // 100 × (1 − 2,770.49 / 3,111.18) = 10.9505 %
        List<Totals.Line> five = List.of(
                line("2", "1250.00", "10", "19"),
                line("0.5", "980.00", "0", "19"),
                line("3", "33.33", "5", "7"),
                line("1", "19.99", "0", "7"),
                line("12", "0.10", "0", "19"));
        assertThat(Totals.discountPercent(five, Totals.of("EUR", five, d("3")))).isEqualByComparingTo("10.9505");
        // no discount anywhere is 0, also where a line's price is rounded (0.5 × 33.333 = 16.6665 -> 16.67)
        List<Totals.Line> none = List.of(line("0.5", "33.333", "0", "19"), line("3", "0.335", "0", "7"));
        assertThat(Totals.discountPercent(none, Totals.of("EUR", none, d("0")))).isEqualByComparingTo("0");
        // an optional line is not offered: left out; nothing priced: no discount at all
        List<Totals.Line> optional =
                List.of(line("1", "100.00", "20", "19"), new Totals.Line(d("1"), d("900.00"), d("0"), d("19"), true));
        assertThat(Totals.discountPercent(optional, Totals.of("EUR", optional, d("0"))))
                .isEqualByComparingTo("20");
        List<Totals.Line> free = List.of(line("1", "0", "0", "19"));
        assertThat(Totals.discountPercent(free, Totals.of("EUR", free, d("0")))).isNull();
    }
}

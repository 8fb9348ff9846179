package org.openchance.server.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openchance.api.forecast.Period;

/** Calendar months and quarters: the periods of forecasts and quotas, and their labels (2026-07, 2026-Q3). */
public final class ForecastPeriods {

    public enum Type {
        MONTH,
        QUARTER
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private ForecastPeriods() {}

    /** The period of the type that contains the day. */
    static Period containing(Type type, LocalDate day) {
        LocalDate start = type == Type.MONTH
                ? day.withDayOfMonth(1)
                : LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        LocalDate end = start.plusMonths(type == Type.MONTH ? 1 : 3).minusDays(1);
        return new Period(start, end);
    }

    /** The periods from the one containing {@code from} to the one containing {@code to}, in order. */
    static List<Period> between(Type type, LocalDate from, LocalDate to) {
        List<Period> periods = new ArrayList<>();
        Period p = containing(type, from);
        while (!p.from().isAfter(to)) {
            periods.add(p);
            p = containing(type, p.to().plusDays(1));
        }
        return periods;
    }

    /** How many periods {@link #between} gives, without building them. */
    static long count(Type type, LocalDate from, LocalDate to) {
        long months = (YearMonth.from(to).getYear() - YearMonth.from(from).getYear()) * 12L
                + to.getMonthValue()
                - from.getMonthValue();
        return type == Type.MONTH
                ? months + 1
                : (to.getYear() * 4L + (to.getMonthValue() - 1) / 3)
                        - (from.getYear() * 4L + (from.getMonthValue() - 1) / 3)
                        + 1;
    }

    /** 2026-07 for a month, 2026-Q3 for a quarter. */
    static String label(Period p) {
        if (p.from().plusMonths(1).minusDays(1).equals(p.to())) {
            return YearMonth.from(p.from()).toString();
        }
        return p.from().getYear() + "-Q" + ((p.from().getMonthValue() - 1) / 3 + 1);
    }

    /** The month or quarter a label names; null when it names neither. */
    static Period parse(String label) {
        if (label == null) {
            return null;
        }
        Matcher m = MONTH.matcher(label.trim());
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                return null;
            }
            return containing(Type.MONTH, LocalDate.of(Integer.parseInt(m.group(1)), month, 1));
        }
        m = QUARTER.matcher(label.trim());
        if (m.matches()) {
            int quarter = Integer.parseInt(m.group(2));
            return containing(Type.QUARTER, LocalDate.of(Integer.parseInt(m.group(1)), quarter * 3 - 2, 1));
        }
        return null;
    }
}

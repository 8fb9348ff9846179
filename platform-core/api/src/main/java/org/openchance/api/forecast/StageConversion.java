package org.openchance.api.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.StageChange;

/**
 * How deals fared after entering each stage, learned from the history: for an open deal in a stage since some days,
 * the probability that it is won, and when. Each deal that entered a stage is one observation of it, counted in days
 * from its (last) entry to its close, won or lost; a deal still open on the day learned from is an observation too,
 * of a deal that had not closed after so many days (censored). The estimate is the competing-risks one (Aalen and
 * Johansen): at each day, of the deals still open that long, the share won and lost that day, so deals that linger
 * open lower the odds instead of being left out (learning only from closed deals favours the ones that closed fast).
 * An open deal is compared with the deals that stayed in its stage at least as long; with fewer than {@link
 * #MIN_SURVIVORS} of those, with every deal of the stage. Days count between the UTC dates.
 *
 * <p>Immutable and safe to share between threads; learning is one pass over the stage histories and a sort per stage.
 */
public final class StageConversion {

    /** Fewer comparable (surviving) deals than this, and the outlook falls back to every deal of the stage. */
    public static final int MIN_SURVIVORS = 5;

    private static final byte LOST = 0;
    private static final byte WON = 1;
    private static final byte OPEN = 2;

    private final int closedDeals;
    private final Map<UUID, Curve> curves;

    private StageConversion(int closedDeals, Map<UUID, Curve> curves) {
        this.closedDeals = closedDeals;
        this.curves = curves;
    }

    /** Learns from closed deals only (every deal decided: nothing censored). */
    public static StageConversion learn(List<OpportunitySnapshot> closed) {
        return learn(closed, List.of(), null);
    }

    /**
     * Learns from the deals closed (WON or LOST with a close date) and those still open on {@code asOf} (ignored when
     * it is null). A deal that entered a stage more than once counts once, from its last entry. The same two
     * unmodifiable lists (the very instances, as {@link ForecastInput} holds them) and day learned last are not
     * learned again: a forecast asks each group's model about one history.
     */
    public static StageConversion learn(
            List<OpportunitySnapshot> closed, List<OpportunitySnapshot> open, LocalDate asOf) {
        Learned last = lastLearned;
        if (last != null
                && last.closed() == closed
                && last.open() == open
                && java.util.Objects.equals(last.asOf(), asOf)) {
            return last.conversion();
        }
        StageConversion learned = learnAnew(closed, open, asOf);
        if (List.copyOf(closed) == closed && List.copyOf(open) == open) { // unmodifiable: the same list, the same deals
            lastLearned = new Learned(closed, open, asOf, learned);
        }
        return learned;
    }

    private record Learned(
            List<OpportunitySnapshot> closed,
            List<OpportunitySnapshot> open,
            LocalDate asOf,
            StageConversion conversion) {}

    private static volatile Learned lastLearned;

    private static StageConversion learnAnew(
            List<OpportunitySnapshot> closed, List<OpportunitySnapshot> open, LocalDate asOf) {
        Map<UUID, Observations> byStage = new HashMap<>();
        int deals = 0;
        UUID[] seen = new UUID[8];
        for (OpportunitySnapshot deal : closed) {
            boolean won = "WON".equals(deal.status());
            if ((!won && !"LOST".equals(deal.status())) || deal.closedAt() == null) {
                continue;
            }
            deals++;
            seen = observe(deal, deal.closedAt().toEpochDay(), won ? WON : LOST, byStage, seen);
        }
        if (asOf != null) {
            for (OpportunitySnapshot deal : open) {
                seen = observe(deal, asOf.toEpochDay(), OPEN, byStage, seen);
            }
        }
        Map<UUID, Curve> curves = new HashMap<>();
        byStage.forEach((stage, observations) -> curves.put(stage, observations.curve()));
        return new StageConversion(deals, Map.copyOf(curves));
    }

    /** One observation per stage the deal entered, from its last entry to {@code endDay}; the scratch array back. */
    private static UUID[] observe(
            OpportunitySnapshot deal, long endDay, byte outcome, Map<UUID, Observations> byStage, UUID[] seen) {
        List<StageChange> history = deal.stageHistory();
        int seenCount = 0;
        for (int i = history.size() - 1; i >= 0; i--) { // newest first: the last entry of each stage counts
            StageChange change = history.get(i);
            if (contains(seen, seenCount, change.stageId())) {
                continue;
            }
            if (seenCount == seen.length) {
                seen = Arrays.copyOf(seen, seenCount * 2);
            }
            seen[seenCount++] = change.stageId();
            long days = Math.max(0, endDay - epochDay(change.enteredAt()));
            byStage.computeIfAbsent(change.stageId(), stage -> new Observations())
                    .add((int) Math.min(days, Integer.MAX_VALUE / 2), outcome);
        }
        return seen;
    }

    /** The closed deals learned from: WON or LOST with a close date. */
    public int closedDeals() {
        return closedDeals;
    }

    /** How many deals (closed, and open on the day learned from) entered the stage. */
    public int observations(UUID stageId) {
        Curve curve = stageId == null ? null : curves.get(stageId);
        return curve == null ? 0 : curve.size();
    }

    /**
     * What lies ahead of an open deal that entered the stage {@code daysInStage} days ago: learned from the deals that
     * entered it and were still open more than {@code daysInStage} days later. When fewer than {@link #MIN_SURVIVORS}
     * of those closed afterwards, the deal is taken for as old as the oldest deals that still had that many closing
     * after them (and for new when the stage has fewer closed deals than that): a deal older than any seen is not
     * assumed to close today. An outlook with 0 observations when no deal that entered the stage has closed.
     */
    public Outlook outlook(UUID stageId, long daysInStage) {
        Curve curve = stageId == null ? null : curves.get(stageId);
        if (curve == null || curve.decided() == 0) {
            return Outlook.NONE; // no deal of the stage has closed yet: nothing to learn from
        }
        long age = Math.max(0, daysInStage);
        if (curve.decidedAfter(age) >= MIN_SURVIVORS) {
            return new Outlook(curve, curve.atRiskAfter(age), age, age);
        }
        // older than nearly every deal that closed: compared with the oldest that still had enough closing after them
        long comparable = curve.lastDayWithDecidedAfter(MIN_SURVIVORS);
        return comparable < 0
                ? new Outlook(curve, curve.size(), -1, 0)
                : new Outlook(curve, curve.atRiskAfter(comparable), comparable, comparable);
    }

    /** The outlook of an open deal on {@code asOf}: its stage and its {@link #daysInStage}; none without a stage. */
    public Outlook outlook(OpportunitySnapshot open, LocalDate asOf) {
        return outlook(open.stageId(), daysInStage(open, asOf));
    }

    /**
     * Days an open deal has been in its current stage on {@code asOf}: since its last entry into the stage in its
     * history, else since its creation, else 0; never negative.
     */
    public static long daysInStage(OpportunitySnapshot open, LocalDate asOf) {
        Instant entered = open.createdAt();
        for (StageChange change : open.stageHistory()) {
            if (change.stageId().equals(open.stageId())) {
                entered = change.enteredAt(); // oldest first: the last match wins
            }
        }
        return entered == null
                ? 0
                : Math.max(0, ChronoUnit.DAYS.between(LocalDate.ofInstant(entered, ZoneOffset.UTC), asOf));
    }

    private static boolean contains(UUID[] ids, int count, UUID id) {
        for (int i = 0; i < count; i++) {
            if (ids[i].equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static long epochDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 86_400L);
    }

    /** A stage's observations as they come: days and outcome. */
    private static final class Observations {
        private int[] days = new int[16];
        private byte[] outcomes = new byte[16];
        private int count;

        void add(int day, byte outcome) {
            if (count == days.length) {
                days = Arrays.copyOf(days, count * 2);
                outcomes = Arrays.copyOf(outcomes, count * 2);
            }
            days[count] = day;
            outcomes[count++] = outcome;
        }

        /** Per distinct day, oldest first: how many were still open that day, and how many were won or lost on it. */
        Curve curve() {
            long[] keyed = new long[count]; // day in the high bits, outcome in the low: one sort orders both
            for (int i = 0; i < count; i++) {
                keyed[i] = ((long) days[i] << 2) | outcomes[i];
            }
            Arrays.sort(keyed);
            int[] distinct = new int[count];
            double[] survival = new double[count]; // S(d): share not closed by the end of day d
            double[] wonBy = new double[count]; // F(d): share won by the end of day d
            int[] atRiskAfter = new int[count]; // observations longer than d
            int[] decidedAfter = new int[count]; // closed observations longer than d
            int size = 0;
            double s = 1;
            double f = 0;
            int remaining = count;
            int decidedTotal = 0;
            for (int i = 0; i < count; i++) {
                decidedTotal += outcomes[i] == OPEN ? 0 : 1;
            }
            int decidedLeft = decidedTotal;
            for (int i = 0; i < count; ) {
                int day = (int) (keyed[i] >>> 2);
                int won = 0;
                int closed = 0;
                int j = i;
                for (; j < count && (int) (keyed[j] >>> 2) == day; j++) {
                    byte outcome = (byte) (keyed[j] & 3);
                    won += outcome == WON ? 1 : 0;
                    closed += outcome == OPEN ? 0 : 1;
                }
                // the deals open after `day` days were at risk that day too: censored ones count through their day
                f += s * won / remaining;
                s *= 1 - (double) closed / remaining;
                remaining -= j - i;
                decidedLeft -= closed;
                distinct[size] = day;
                survival[size] = s;
                wonBy[size] = f;
                atRiskAfter[size] = remaining;
                decidedAfter[size] = decidedLeft;
                size++;
                i = j;
            }
            return new Curve(
                    count,
                    decidedTotal,
                    Arrays.copyOf(distinct, size),
                    Arrays.copyOf(survival, size),
                    Arrays.copyOf(wonBy, size),
                    Arrays.copyOf(atRiskAfter, size),
                    Arrays.copyOf(decidedAfter, size));
        }
    }

    /** A stage's curves over the distinct observed days. */
    private record Curve(
            int size,
            int decided,
            int[] days,
            double[] survival,
            double[] wonBy,
            int[] atRiskAfter,
            int[] decidedAfter) {

        /** The index of the last distinct day not after {@code day}; -1 when there is none. */
        int indexAtOrBefore(long day) {
            int low = 0;
            int high = days.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (days[mid] <= day) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low - 1;
        }

        int atRiskAfter(long day) {
            int i = indexAtOrBefore(day);
            return i < 0 ? size : atRiskAfter[i];
        }

        int decidedAfter(long day) {
            int i = indexAtOrBefore(day);
            return i < 0 ? decided : decidedAfter[i];
        }

        /**
         * The last day after which at least {@code count} closed observations remain (the day before the observed day
         * where fewer begin to); -1 when the stage has fewer closed observations than that.
         */
        long lastDayWithDecidedAfter(int count) {
            if (decided < count) {
                return -1;
            }
            for (int i = 0; i < days.length; i++) { // decidedAfter falls with the days
                if (decidedAfter[i] < count) {
                    return days[i] - 1L;
                }
            }
            return days[days.length - 1];
        }

        double survivalAt(long day) {
            int i = indexAtOrBefore(day);
            return i < 0 ? 1 : survival[i];
        }

        double wonBy(long day) {
            if (day < 0) {
                return 0;
            }
            int i = indexAtOrBefore(day);
            return i < 0 ? 0 : wonBy[i];
        }

        double wonEver() {
            return wonBy.length == 0 ? 0 : wonBy[wonBy.length - 1];
        }
    }

    /**
     * What lies ahead of an open deal, from the deals comparable to it: how many it is learned from ({@link
     * #observations}, 0 when nothing is known about the stage), the probability it is won ({@link #winRate}), the
     * probability it is won within a window of days from today ({@link #probabilityWonWithin}), and when, as
     * quantiles of the days to its win ({@link #remainingDaysAt}). Making one costs a binary search.
     */
    public static final class Outlook {

        static final Outlook NONE = new Outlook(null, 0, 0, 0);

        private final Curve curve;
        private final int observations;
        /** The day of the stage the outlook is conditioned on: the deal's age, or -1 (nothing) in the fallback. */
        private final long from;
        /** The deal's age: remaining days are counted from it. */
        private final long age;

        private Outlook(Curve curve, int observations, long from, long age) {
            this.curve = curve;
            this.observations = observations;
            this.from = from;
            this.age = age;
        }

        public int observations() {
            return observations;
        }

        /** Whether anything is known: some deal entered the stage. */
        public boolean known() {
            return observations > 0;
        }

        /** The probability the deal is won at all (within the longest time observed). */
        public double winRate() {
            return curve == null ? 0 : probability(from, curve.wonEver() - curve.wonBy(from));
        }

        /**
         * The probability the deal is won between {@code minDays} and {@code maxDays} (both included) from today. In
         * the fallback, deals that closed before the open deal's age count as closing today (day 0).
         */
        public double probabilityWonWithin(long minDays, long maxDays) {
            if (curve == null || maxDays < minDays || maxDays < 0) {
                return 0;
            }
            long lower = minDays <= 0 ? from : Math.max(from, age + minDays - 1);
            long upper = age + maxDays;
            return upper <= lower ? 0 : probability(from, curve.wonBy(upper) - curve.wonBy(lower));
        }

        /**
         * The days from today to the win at quantile {@code q} (0 to 1) of the times the deal is won, if it is: 0.5
         * gives the median; never below 0. Drawing {@code q} uniformly draws a close day of a win.
         */
        public int remainingDaysAt(double q) {
            if (curve == null || curve.days().length == 0) {
                return 0;
            }
            double start = curve.wonBy(from);
            double target = start + Math.max(q, 1e-12) * (curve.wonEver() - start);
            double[] wonBy = curve.wonBy();
            int low = Math.max(0, curve.indexAtOrBefore(from) + 1);
            int high = wonBy.length - 1;
            while (low < high) { // the first day by which the share won reaches the target
                int mid = (low + high) >>> 1;
                if (wonBy[mid] < target) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return (int) Math.max(0, curve.days()[low] - age);
        }

        /**
         * The days to the win at {@code count} evenly spaced quantiles ((i + 0.5) / count), ascending: {@link
         * #remainingDaysAt} for each, in one pass (a draw table for simulations).
         */
        public int[] remainingDaysAtQuantiles(int count) {
            int[] result = new int[count];
            if (curve == null || curve.days().length == 0) {
                return result;
            }
            double start = curve.wonBy(from);
            double span = curve.wonEver() - start;
            double[] wonBy = curve.wonBy();
            int[] days = curve.days();
            int j = Math.max(0, curve.indexAtOrBefore(from) + 1);
            for (int i = 0; i < count; i++) {
                double target = start + Math.max((i + 0.5) / count, 1e-12) * span;
                while (j < wonBy.length - 1 && wonBy[j] < target) {
                    j++;
                }
                result[i] = (int) Math.max(0, days[Math.min(j, days.length - 1)] - age);
            }
            return result;
        }

        private double probability(long day, double share) {
            double survival = curve.survivalAt(day);
            return survival <= 0 ? 0 : Math.min(1, Math.max(0, share / survival));
        }

        @Override
        public String toString() {
            return "Outlook[observations=" + observations + ", winRate=" + winRate() + "]";
        }
    }
}

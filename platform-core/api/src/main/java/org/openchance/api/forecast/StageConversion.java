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
 * How deals fared after entering each stage, learned from closed deals: for an open deal in a stage since some days,
 * the share of comparable past deals that were won, and how many days after that point they closed. Comparable means
 * they entered the same stage and were still open after as many days; with too few of those, all deals that entered
 * the stage. Days are counted between the UTC date a deal entered the stage and the day it closed.
 *
 * <p>Immutable and safe to share between threads; learning is one pass over the stage histories.
 */
public final class StageConversion {

    /** Fewer comparable (surviving) deals than this, and the outlook falls back to every deal of the stage. */
    public static final int MIN_SURVIVORS = 5;

    private final int closedDeals;
    private final Map<UUID, StageExits> exitsByStage;

    private StageConversion(int closedDeals, Map<UUID, StageExits> exitsByStage) {
        this.closedDeals = closedDeals;
        this.exitsByStage = exitsByStage;
    }

    /**
     * Learns from deals with status WON or LOST and a close date; others are ignored. A deal that entered a stage more
     * than once counts once, from its last entry (as an open deal's age in its stage is counted from its last entry).
     * One pass into primitive arrays, then a sort per stage: about 20 ms for 75,000 closed deals.
     */
    public static StageConversion learn(List<OpportunitySnapshot> closed) {
        Learned last = lastLearned;
        if (last != null && last.from() == closed) {
            return last.conversion();
        }
        StageConversion learned = learnAnew(closed);
        lastLearned = new Learned(closed, learned);
        return learned;
    }

    /**
     * The last list learned from, and what was learned: a forecast asks several models, each group's, about the same
     * immutable history (one list instance), so each learns from it once. Identity, never equality: a list that is
     * not the very same is learned anew.
     */
    private record Learned(List<OpportunitySnapshot> from, StageConversion conversion) {}

    private static volatile Learned lastLearned;

    private static StageConversion learnAnew(List<OpportunitySnapshot> closed) {
        Map<UUID, Exits> exits = new HashMap<>();
        int deals = 0;
        UUID[] seen = new UUID[8];
        for (OpportunitySnapshot deal : closed) {
            boolean won = "WON".equals(deal.status());
            if ((!won && !"LOST".equals(deal.status())) || deal.closedAt() == null) {
                continue;
            }
            deals++;
            long closedDay = deal.closedAt().toEpochDay();
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
                long days = Math.max(0, closedDay - epochDay(change.enteredAt()));
                exits.computeIfAbsent(change.stageId(), stage -> new Exits())
                        .add((int) Math.min(days, Integer.MAX_VALUE), won);
            }
        }
        Map<UUID, StageExits> byStage = new HashMap<>();
        exits.forEach((stage, list) -> byStage.put(stage, list.sorted()));
        return new StageConversion(deals, Map.copyOf(byStage));
    }

    /** The closed deals learned from: WON or LOST with a close date. */
    public int closedDeals() {
        return closedDeals;
    }

    /** How many closed deals entered the stage. */
    public int observations(UUID stageId) {
        StageExits exits = stageId == null ? null : exitsByStage.get(stageId);
        return exits == null ? 0 : exits.allDays.length;
    }

    /**
     * What lies ahead of an open deal that entered the stage {@code daysInStage} days ago: learned from the closed
     * deals that entered it and closed more than {@code daysInStage} days later, or from all that entered it when
     * fewer than {@link #MIN_SURVIVORS} did; an outlook with 0 observations when none entered it.
     */
    public Outlook outlook(UUID stageId, long daysInStage) {
        StageExits exits = stageId == null ? null : exitsByStage.get(stageId);
        if (exits == null) {
            return Outlook.NONE;
        }
        long age = Math.max(0, daysInStage);
        int survivors = exits.allDays.length - firstAbove(exits.allDays, age);
        if (survivors >= MIN_SURVIVORS) {
            return new Outlook(survivors, exits.wonDays, firstAbove(exits.wonDays, age), age);
        }
        return new Outlook(exits.allDays.length, exits.wonDays, 0, age);
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
        return entered == null ? 0 : Math.max(0, daysBetween(entered, asOf));
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

    private static long daysBetween(Instant entered, LocalDate day) {
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(entered, ZoneOffset.UTC), day);
    }

    /** The index of the first value above {@code limit} in a sorted array (its length when none is). */
    private static int firstAbove(int[] sorted, long limit) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= limit) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The days from entry to close of one stage's closed deals, as they come. */
    private static final class Exits {
        private int[] all = new int[16];
        private int[] won = new int[16];
        private int allCount;
        private int wonCount;

        void add(int days, boolean isWon) {
            if (allCount == all.length) {
                all = Arrays.copyOf(all, allCount * 2);
            }
            all[allCount++] = days;
            if (isWon) {
                if (wonCount == won.length) {
                    won = Arrays.copyOf(won, wonCount * 2);
                }
                won[wonCount++] = days;
            }
        }

        StageExits sorted() {
            int[] allDays = Arrays.copyOf(all, allCount);
            int[] wonDays = Arrays.copyOf(won, wonCount);
            Arrays.sort(allDays);
            Arrays.sort(wonDays);
            return new StageExits(allDays, wonDays);
        }
    }

    /** The days from entry to close of one stage's closed deals, all and won only, sorted. */
    private record StageExits(int[] allDays, int[] wonDays) {}

    /**
     * What lies ahead of an open deal, from the closed deals comparable to it: how many it is learned from
     * ({@link #observations}, 0 when nothing is known about the stage), the share of them won ({@link #winRate}), and
     * for each won one the days from the open deal's today until it closed ({@link #remainingDay}, sorted). A view of
     * the learned arrays: making one costs two binary searches, whatever the history's size.
     */
    public static final class Outlook {

        static final Outlook NONE = new Outlook(0, new int[0], 0, 0);

        private final int observations;
        private final int[] wonDays;
        private final int fromWon;
        private final long age;

        private Outlook(int observations, int[] wonDays, int fromWon, long age) {
            this.observations = observations;
            this.wonDays = wonDays;
            this.fromWon = fromWon;
            this.age = age;
        }

        public int observations() {
            return observations;
        }

        /** The share of the comparable deals that were won; 0 when there are none. */
        public double winRate() {
            return observations == 0 ? 0 : (double) won() / observations;
        }

        /** Whether anything is known: some closed deal entered the stage. */
        public boolean known() {
            return observations > 0;
        }

        /** How many of the comparable deals were won. */
        public int won() {
            return wonDays.length - fromWon;
        }

        /** The days from today until the {@code i}-th won deal closed (0 to {@link #won()} - 1), sorted ascending. */
        public int remainingDay(int i) {
            return (int) Math.max(0, wonDays[fromWon + i] - age);
        }

        /** The remaining days of the won deals, sorted: a copy. */
        public List<Integer> remainingDays() {
            return Arrays.stream(remainingDaysArray()).boxed().toList();
        }

        /** The remaining days as an array, sorted: a copy. */
        public int[] remainingDaysArray() {
            int[] days = new int[won()];
            for (int i = 0; i < days.length; i++) {
                days[i] = remainingDay(i);
            }
            return days;
        }

        /**
         * How many of the won deals closed between {@code minDays} and {@code maxDays} (both included) from today;
         * divided by {@link #observations()}, the probability of winning in that window. Two binary searches.
         */
        public int wonClosingWithin(long minDays, long maxDays) {
            if (maxDays < minDays || maxDays < 0) {
                return 0;
            }
            // remaining = max(0, d - age): within [min, max] when d - age <= max and (d - age >= min or min <= 0)
            int from = minDays <= 0 ? fromWon : Math.max(fromWon, firstAbove(wonDays, age + minDays - 1));
            int to = firstAbove(wonDays, age + maxDays);
            return Math.max(0, to - Math.max(from, fromWon));
        }

        /** Equal when learned from as many deals with the same remaining days. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Outlook other
                    && observations == other.observations
                    && Arrays.equals(remainingDaysArray(), other.remainingDaysArray());
        }

        @Override
        public int hashCode() {
            return 31 * observations + Arrays.hashCode(remainingDaysArray());
        }

        @Override
        public String toString() {
            return "Outlook[observations=" + observations + ", won=" + won() + "]";
        }
    }
}

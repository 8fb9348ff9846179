package org.openchance.api.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
     */
    public static StageConversion learn(List<OpportunitySnapshot> closed) {
        Map<UUID, List<long[]>> exits = new HashMap<>(); // per stage: {days from entry to close, won ? 1 : 0}
        int deals = 0;
        for (OpportunitySnapshot deal : closed) {
            boolean won = "WON".equals(deal.status());
            if ((!won && !"LOST".equals(deal.status())) || deal.closedAt() == null) {
                continue;
            }
            deals++;
            for (Map.Entry<UUID, Instant> entry :
                    lastEntries(deal.stageHistory()).entrySet()) {
                long days = Math.max(0, daysBetween(entry.getValue(), deal.closedAt()));
                exits.computeIfAbsent(entry.getKey(), stage -> new ArrayList<>())
                        .add(new long[] {days, won ? 1 : 0});
            }
        }
        Map<UUID, StageExits> byStage = new HashMap<>();
        exits.forEach((stage, list) -> byStage.put(stage, StageExits.of(list)));
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
        int firstSurvivor = firstAbove(exits.allDays, age);
        int survivors = exits.allDays.length - firstSurvivor;
        if (survivors >= MIN_SURVIVORS) {
            int firstWon = firstAbove(exits.wonDays, age);
            return outlook(survivors, exits.wonDays, firstWon, age);
        }
        return outlook(exits.allDays.length, exits.wonDays, 0, age);
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

    private static Outlook outlook(int observations, long[] wonDays, int fromWon, long age) {
        List<Integer> remaining = new ArrayList<>(wonDays.length - fromWon);
        for (int i = fromWon; i < wonDays.length; i++) {
            remaining.add((int) Math.max(0, wonDays[i] - age)); // sorted input, so sorted output
        }
        return new Outlook(observations, (double) remaining.size() / observations, remaining);
    }

    private static Map<UUID, Instant> lastEntries(List<StageChange> history) {
        Map<UUID, Instant> last = new HashMap<>();
        for (StageChange change : history) {
            last.put(change.stageId(), change.enteredAt());
        }
        return last;
    }

    private static long daysBetween(Instant entered, LocalDate day) {
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(entered, ZoneOffset.UTC), day);
    }

    /** The index of the first value above {@code limit} in a sorted array (its length when none is). */
    private static int firstAbove(long[] sorted, long limit) {
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

    /** The days from entry to close of one stage's closed deals, all and won only, sorted. */
    private record StageExits(long[] allDays, long[] wonDays) {

        static StageExits of(List<long[]> exits) {
            long[] all = exits.stream().mapToLong(e -> e[0]).sorted().toArray();
            long[] won = exits.stream()
                    .filter(e -> e[1] == 1)
                    .mapToLong(e -> e[0])
                    .sorted()
                    .toArray();
            return new StageExits(all, won);
        }
    }

    /**
     * What lies ahead of an open deal, from the closed deals comparable to it.
     *
     * @param observations  how many closed deals it is learned from; 0 when nothing is known about the stage
     * @param winRate       the share of them that were won (0 when there are none)
     * @param remainingDays for each of the won ones, the days from the open deal's today until it closed, sorted
     */
    public record Outlook(int observations, double winRate, List<Integer> remainingDays) {

        static final Outlook NONE = new Outlook(0, 0, List.of());

        public Outlook {
            remainingDays = List.copyOf(remainingDays);
        }

        /** Whether anything is known: some closed deal entered the stage. */
        public boolean known() {
            return observations > 0;
        }

        /**
         * How many of the won deals closed between {@code minDays} and {@code maxDays} (both included) from today;
         * divided by {@link #observations()}, the probability of winning in that window.
         */
        public int wonClosingWithin(long minDays, long maxDays) {
            int count = 0;
            for (int days : remainingDays) {
                if (days > maxDays) {
                    break; // sorted
                }
                if (days >= minDays) {
                    count++;
                }
            }
            return count;
        }

        /** The remaining days as an array, for simulations. */
        public int[] remainingDaysArray() {
            return remainingDays.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}

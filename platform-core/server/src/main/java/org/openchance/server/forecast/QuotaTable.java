package org.openchance.server.forecast;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.forecast.Period;
import org.openchance.server.money.DatedRates;
import org.openchance.store.forecast.Quotas;
import org.openchance.store.user.UserRow;

/**
 * The quotas of a forecast's periods in its currency, and a group's quota: the sum of its people's quotas where a
 * manager's own quota stands for their reports' (so a team is not counted twice). A quarter without a quota of its
 * own has the sum of its months' quotas.
 */
final class QuotaTable {

    private final Map<UUID, List<Quotas.Quota>> byUser = new HashMap<>();
    private final Map<UUID, UserRow> users;
    private final DatedRates rates;
    private final String currency;

    QuotaTable(List<Quotas.Quota> quotas, Map<UUID, UserRow> users, DatedRates rates, String currency) {
        for (Quotas.Quota q : quotas) {
            byUser.computeIfAbsent(q.userId(), k -> new java.util.ArrayList<>()).add(q);
        }
        this.users = users;
        this.rates = rates;
        this.currency = currency;
    }

    /** A person's quota of the period in the forecast's currency (rate of the period's first day); null if none. */
    BigDecimal of(UUID user, Period period) {
        BigDecimal months = null;
        for (Quotas.Quota q : byUser.getOrDefault(user, List.of())) {
            BigDecimal amount = rates.convert(q.amount(), q.currency(), currency, period.from());
            if (amount == null) {
                continue;
            }
            if (q.periodStart().equals(period.from()) && q.periodEnd().equals(period.to())) {
                return amount;
            }
            boolean monthWithin = !q.periodStart().isBefore(period.from())
                    && !q.periodEnd().isAfter(period.to())
                    && q.periodStart().plusMonths(1).minusDays(1).equals(q.periodEnd());
            if (monthWithin) {
                months = months == null ? amount : months.add(amount);
            }
        }
        return months;
    }

    /** The quota of a group of people (null: everyone with a quota) for the period; null when none is set. */
    BigDecimal ofGroup(Set<UUID> people, Period period) {
        BigDecimal sum = null;
        for (UUID u : people == null ? byUser.keySet() : people) {
            BigDecimal own = of(u, period);
            if (own != null && !coveredAbove(u, people, period)) {
                sum = sum == null ? own : sum.add(own);
            }
        }
        return sum;
    }

    /** Whether a manager above the person, within the group, has a quota of the period. */
    private boolean coveredAbove(UUID u, Set<UUID> people, Period period) {
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        UserRow row = users.get(u);
        for (UUID m = row == null ? null : row.managerId(); m != null && seen.add(m); ) {
            if ((people == null || people.contains(m)) && of(m, period) != null) {
                return true;
            }
            UserRow above = users.get(m);
            m = above == null ? null : above.managerId();
        }
        return false;
    }
}

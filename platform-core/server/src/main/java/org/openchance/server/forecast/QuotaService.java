package org.openchance.server.forecast;

import org.openchance.api.forecast.Period;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.security.Caller;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.forecast.Quotas;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotas and managers' adjustments: an admin sets anyone's (their own too), a manager their reports' (through every
 * level), nobody else their own. Both are audited with every other mutation.
 */
@Service
public class QuotaService {

    public record SetQuotaInput(String userId, String period, MoneyInput amount) {}

    public record AdjustForecastInput(String userId, String period, MoneyInput amount, String note) {}

    private final Quotas quotas;
    private final UserRepository users;
    private final CurrentUser currentUser;

    QuotaService(Quotas quotas, UserRepository users, CurrentUser currentUser) {
        this.quotas = quotas;
        this.users = users;
        this.currentUser = currentUser;
    }

    /** The stored quota; null when the amount was null (removed). */
    @Transactional
    public Quotas.Quota set(SetQuotaInput in) {
        Validation v = new Validation();
        Period period = period(v, in.period());
        if (in.amount() != null) {
            v.money(in.amount().amount(), in.amount().currency(), "input.amount");
        }
        v.orThrow();
        UserRow user = permitted(in.userId());
        return quotas.set(
                user.id(),
                period.from(),
                period.to(),
                in.amount() == null ? null : in.amount().amount(),
                in.amount() == null ? null : in.amount().currency(),
                currentUser.id().orElse(null));
    }

    @Transactional
    public Quotas.Adjustment adjust(AdjustForecastInput in) {
        Validation v = new Validation();
        Period period = period(v, in.period());
        v.check(in.amount() != null, "input.amount", "is required");
        if (in.amount() != null) {
            v.money(in.amount().amount(), in.amount().currency(), "input.amount");
        }
        v.text(in.note(), "input.note", true, 2000);
        v.orThrow();
        UserRow user = permitted(in.userId());
        return quotas.adjust(
                user.id(),
                period.from(),
                period.to(),
                in.amount().amount(),
                in.amount().currency(),
                in.note().strip(),
                currentUser.id().orElseThrow());
    }

    private static Period period(Validation v, String label) {
        Period period = ForecastPeriods.parse(label);
        v.check(period != null, "input.period", "must name a month (2026-07) or a quarter (2026-Q3)");
        return period;
    }

    /** The user, when the caller is an admin or their manager; NOT_FOUND or FORBIDDEN otherwise. */
    private UserRow permitted(String userId) {
        UserRow user = GlobalId.decode(userId, "User")
                .flatMap(users::findById)
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.userId", "user")));
        Caller caller = currentUser.caller().orElseThrow();
        boolean manager = !user.id().equals(caller.userId())
                && currentUser.viewer().sight().contains(user.id());
        if (!caller.isAdmin() && !manager) {
            throw new UserErrorException(new UserError(
                    UserError.FORBIDDEN,
                    "only an admin or the person's manager may set their quota or adjust their forecast",
                    "input.userId"));
        }
        return user;
    }
}

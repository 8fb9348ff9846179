package org.openchance.server.account;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.PartialUpdate;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.history.RecordHistory;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.account.MatchKey;
import org.openchance.store.user.UserRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

    public record CreateAccountInput(
            String name,
            String industry,
            Integer employeeCount,
            MoneyInput annualRevenue,
            String website,
            String country,
            String ownerId) {}

    public record UpdateAccountInput(
            String id,
            Integer expectedVersion,
            String name,
            String industry,
            Integer employeeCount,
            MoneyInput annualRevenue,
            String website,
            String country,
            String ownerId) {}

    private final AccountRepository accounts;
    private final RecordHistory history;
    private final UserRepository users;
    private final CurrentUser currentUser;
    private final DomainEvents events;
    private final VisibleAccounts visible;

    AccountService(
            AccountRepository accounts,
            VisibleAccounts visible,
            UserRepository users,
            CurrentUser currentUser,
            DomainEvents events,
            RecordHistory history) {
        this.history = history;
        this.accounts = accounts;
        this.visible = visible;
        this.users = users;
        this.currentUser = currentUser;
        this.events = events;
    }

    @Transactional
    public AccountRow create(CreateAccountInput in) {
        Validation v = validate(
                in.name(), true, in.industry(), in.employeeCount(), in.annualRevenue(), in.website(), in.country());
        UUID owner = in.ownerId() == null ? currentUser.id().orElse(null) : user(in.ownerId(), "input.ownerId", v);
        v.orThrow();
        MoneyInput revenue = in.annualRevenue();
        return saveNew(new AccountRow(
                UUID.randomUUID(),
                in.name().trim(),
                MatchKey.of(in.name()),
                in.industry(),
                in.employeeCount(),
                revenue == null ? null : revenue.amount(),
                revenue == null ? null : revenue.currency(),
                in.website(),
                in.country(),
                owner,
                0,
                null,
                null,
                null));
    }

    /** Saves a new, validated account and tells the listeners (search, webhooks), in the caller's transaction. */
    public AccountRow saveNew(AccountRow account) {
        AccountRow saved = accounts.save(account);
        publish(EventTypes.ACCOUNT_CREATED, saved);
        return saved;
    }

    private void publish(String type, AccountRow account) {
        events.publish(
                type,
                "Account",
                account.id(),
                Map.of("accountId", account.id().toString(), "name", account.name(), "version", account.version()));
    }

    @Transactional
    public AccountRow update(UpdateAccountInput in) {
        AccountRow current = visible.editable(in.id(), "input.id");
        Validation v = validate(
                in.name(),
                in.name() != null,
                in.industry(),
                in.employeeCount(),
                in.annualRevenue(),
                in.website(),
                in.country());
        UUID owner = in.ownerId() == null ? current.ownerId() : user(in.ownerId(), "input.ownerId", v);
        v.orThrow();
        requireVersion(current.version(), in.expectedVersion());
        String name = in.name() == null ? current.name() : in.name().trim();
        MoneyInput revenue = in.annualRevenue();
        AccountRow saved = history.record(
                "Account",
                current,
                accounts.update(new AccountRow(
                        current.id(),
                        name,
                        MatchKey.of(name),
                        PartialUpdate.orCurrent(in.industry(), current.industry()),
                        PartialUpdate.orCurrent(in.employeeCount(), current.employeeCount()),
                        revenue == null ? current.annualRevenue() : revenue.amount(),
                        revenue == null ? current.annualRevenueCurrency() : revenue.currency(),
                        PartialUpdate.orCurrent(in.website(), current.website()),
                        PartialUpdate.orCurrent(in.country(), current.country()),
                        owner,
                        current.version(),
                        current.createdAt(),
                        Instant.now(),
                        current.deletedAt())));
        publish(EventTypes.ACCOUNT_UPDATED, saved);
        return saved;
    }

    /**
     * A live account the current user may change (add contacts, activities and tasks to), by its API id: NOT_FOUND on
     * {@code field} if they may not read it, FORBIDDEN if only that.
     */
    public AccountRow find(String id, String field) {
        return visible.editable(id, field);
    }

    static void requireVersion(int current, Integer expected) {
        if (expected == null || current != expected) {
            throw new UserErrorException(new UserError(
                    UserError.VERSION_CONFLICT,
                    "the account is at version " + current + ", not " + expected + ": reload and try again",
                    "input.expectedVersion"));
        }
    }

    private UUID user(String id, String field, Validation v) {
        UUID user = GlobalId.decode(id, "User").filter(users::existsById).orElse(null);
        if (user == null) {
            v.add(UserError.notFound(field, "User"));
        }
        return user;
    }

    private static Validation validate(
            String name,
            boolean nameRequired,
            String industry,
            Integer employeeCount,
            MoneyInput revenue,
            String website,
            String country) {
        Validation v = new Validation()
                .text(name, "input.name", nameRequired, 200)
                .text(industry, "input.industry", false, 100)
                .text(website, "input.website", false, 500)
                .text(country, "input.country", false, 100)
                .check(employeeCount == null || employeeCount >= 0, "input.employeeCount", "must not be negative");
        if (name != null && !nameRequired) {
            v.check(!name.isBlank(), "input.name", "must not be blank");
        }
        if (revenue != null) {
            v.money(revenue.amount(), revenue.currency(), "input.annualRevenue");
        }
        return v;
    }
}

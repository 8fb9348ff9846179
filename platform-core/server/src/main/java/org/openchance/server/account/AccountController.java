package org.openchance.server.account;

import java.util.List;
import java.util.Map;
import org.openchance.api.model.Money;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.graphql.UserError;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountQueries;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.page.PageRequest;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class AccountController {

    static final String TYPE = "Account";

    record AccountFilter(String nameContains, String ownerId) {}

    record AccountPayload(AccountRow account, List<UserError> errors) {}

    private final AccountRepository accounts;
    private final UserRepository users;
    private final AccountService service;
    private final AccountQueries query;
    private final VisibleAccounts visible;
    private final CurrentUser currentUser;

    AccountController(
            AccountRepository accounts,
            UserRepository users,
            AccountService service,
            AccountQueries query,
            VisibleAccounts visible,
            CurrentUser currentUser) {
        this.accounts = accounts;
        this.visible = visible;
        this.currentUser = currentUser;
        this.users = users;
        this.service = service;
        this.query = query;
    }

    @QueryMapping
    AccountRow account(@Argument String id) {
        return GlobalId.decode(id, TYPE).flatMap(visible::live).orElse(null);
    }

    @QueryMapping
    Connection<AccountRow> accounts(@Argument Integer first, @Argument String after, @Argument AccountFilter filter) {
        AccountQueries.Filter criteria = filter == null
                ? new AccountQueries.Filter(currentUser.viewer(), null, null)
                : new AccountQueries.Filter(
                        currentUser.viewer(),
                        filter.nameContains(),
                        filter.ownerId() == null
                                ? null
                                : GlobalId.decode(filter.ownerId(), "User")
                                        .orElseThrow(
                                                () -> new QueryInputException("filter.ownerId", "is not a user id")));
        PageRequest page = Pages.request("accounts", AccountQueries.BY_NAME, first, after);
        return Pages.connection(
                "accounts",
                page,
                query.page(criteria, page),
                accounts::findByIdIn,
                AccountRow::id,
                () -> query.count(criteria));
    }

    @MutationMapping
    AccountPayload createAccount(@Argument AccountService.CreateAccountInput input) {
        return Mutations.run(() -> service.create(input), AccountPayload::new);
    }

    @MutationMapping
    AccountPayload updateAccount(@Argument AccountService.UpdateAccountInput input) {
        return Mutations.run(() -> service.update(input), AccountPayload::new);
    }

    @SchemaMapping(typeName = TYPE, field = "id")
    String id(AccountRow account) {
        return GlobalId.of(TYPE, account.id());
    }

    @SchemaMapping(typeName = TYPE, field = "annualRevenue")
    Money annualRevenue(AccountRow account) {
        return MoneyInput.output(account.annualRevenue(), account.annualRevenueCurrency());
    }

    @SchemaMapping(typeName = TYPE, field = "createdAt")
    java.time.OffsetDateTime createdAt(AccountRow account) {
        return DateTimes.utc(account.createdAt());
    }

    @SchemaMapping(typeName = TYPE, field = "updatedAt")
    java.time.OffsetDateTime updatedAt(AccountRow account) {
        return DateTimes.utc(account.updatedAt());
    }

    @BatchMapping(typeName = TYPE, field = "owner")
    Map<AccountRow, UserRow> owner(List<AccountRow> list) {
        return Batches.byKey(list, AccountRow::ownerId, users::findByIdIn, UserRow::id);
    }
}

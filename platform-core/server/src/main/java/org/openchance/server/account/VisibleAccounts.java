package org.openchance.server.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.access.Access;
import org.openchance.store.access.AccountAccess;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.page.RowsById;
import org.openchance.store.page.Where;
import org.springframework.stereotype.Component;

/**
 * Accounts and contacts by id as the current user may see them ({@link AccountAccess}): every path that loads them
 * by id (a query field, {@code node}, an edge, a mutation's input, a plugin's read) loads them here.
 */
@Component
public class VisibleAccounts {

    private final AccountRepository accounts;
    private final RowsById<AccountRow> accountRows;
    private final RowsById<ContactRow> contactRows;
    private final AccountAccess access;
    private final CurrentUser currentUser;

    VisibleAccounts(
            AccountRepository accounts,
            RowsById<AccountRow> accountRows,
            RowsById<ContactRow> contactRows,
            AccountAccess access,
            CurrentUser currentUser) {
        this.accounts = accounts;
        this.accountRows = accountRows;
        this.contactRows = contactRows;
        this.access = access;
        this.currentUser = currentUser;
    }

    /**
     * The live accounts the current user may read, the rule in the same statement; the others are left out as if
     * they did not exist.
     */
    public List<AccountRow> find(Collection<UUID> ids) {
        return accountRows.find(
                ids, AccountAccess.readable(currentUser.viewer(), "account", new Where().and("deleted_at is null")));
    }

    /** The live account, if the current user may read it. */
    public Optional<AccountRow> live(UUID id) {
        return find(List.of(id)).stream().findFirst();
    }

    /**
     * The live account if the current user reads it or a deal of it: what a deal shows of its account (partners
     * reach accounts only so).
     */
    public Optional<AccountRow> ofReadableDeal(UUID id) {
        Optional<AccountRow> readable = live(id); // the account and the rule in one statement
        if (readable.isPresent() || !currentUser.viewer().restrictsAccounts()) {
            return readable;
        }
        return access.readsADealOf(currentUser.viewer(), id)
                ? accounts.findById(id).filter(a -> a.deletedAt() == null)
                : Optional.empty();
    }

    /**
     * The oldest live account with this match key that the current user may read: qualifying a lead never files the
     * deal under an account the user may not see (which would show it to them).
     */
    public Optional<AccountRow> firstMatching(String matchKey) {
        List<AccountRow> matching = accounts.findByMatchKeyAndDeletedAtIsNullOrderByCreatedAt(matchKey);
        if (matching.isEmpty() || !currentUser.viewer().restrictsAccounts()) {
            return matching.stream().findFirst();
        }
        Set<UUID> readable = find(matching.stream().map(AccountRow::id).toList()).stream()
                .map(AccountRow::id)
                .collect(Collectors.toSet());
        return matching.stream().filter(a -> readable.contains(a.id())).findFirst();
    }

    /** The live account of this API id the current user may read, or NOT_FOUND on {@code field}. */
    public AccountRow readable(String id, String field) {
        return GlobalId.decode(id, "Account")
                .flatMap(this::live)
                .orElseThrow(() -> new UserErrorException(UserError.notFound(field, "Account")));
    }

    /** The live account the current user may change: NOT_FOUND if they may not read it, FORBIDDEN if only that. */
    public AccountRow editable(String id, String field) {
        AccountRow account = readable(id, field);
        require(access.access(currentUser.viewer(), account.id()), field, "Account");
        return account;
    }

    /** What the current user may do with the account (and its contacts and own activities and tasks). */
    public Access accessTo(UUID accountId) {
        return access.access(currentUser.viewer(), accountId);
    }

    /** Refuses a change of something of the account ({@code what}): NOT_FOUND or FORBIDDEN. */
    public void requireEdit(UUID accountId, String field, String what) {
        require(accessTo(accountId), field, what);
    }

    /** The live contacts the current user may read, the rule in the same statement. */
    public List<ContactRow> findContacts(Collection<UUID> ids) {
        return contactRows.find(
                ids,
                AccountAccess.readableContact(currentUser.viewer(), "contact", new Where().and("deleted_at is null")));
    }

    /** The live contact, if the current user may read it. */
    public Optional<ContactRow> liveContact(UUID id) {
        return findContacts(List.of(id)).stream().findFirst();
    }

    /** The live contact the current user may change (its account's say): NOT_FOUND or FORBIDDEN otherwise. */
    public ContactRow editableContact(String id, String field) {
        ContactRow contact = GlobalId.decode(id, "Contact")
                .flatMap(this::liveContact)
                .orElseThrow(() -> new UserErrorException(UserError.notFound(field, "Contact")));
        require(access.contactAccess(currentUser.viewer(), contact.id(), contact.accountId()), field, "Contact");
        return contact;
    }

    private static void require(Access a, String field, String what) {
        if (!a.canRead()) {
            throw new UserErrorException(UserError.notFound(field, what));
        }
        if (!a.canEdit()) {
            throw new UserErrorException(new UserError(
                    UserError.FORBIDDEN,
                    "only the account's owner, their managers and admins may change this " + what.toLowerCase(),
                    field));
        }
    }
}

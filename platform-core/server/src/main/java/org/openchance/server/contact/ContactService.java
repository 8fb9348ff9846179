package org.openchance.server.contact;

import java.util.UUID;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.Validation;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.contact.ContactRepository;
import org.openchance.store.contact.ContactRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ContactService {

    public record CreateContactInput(String accountId, String firstName, String lastName, String title, String email,
                                     String phone) {
    }

    private final ContactRepository contacts;
    private final AccountRepository accounts;

    ContactService(ContactRepository contacts, AccountRepository accounts) {
        this.contacts = contacts;
        this.accounts = accounts;
    }

    @Transactional
    public ContactRow create(CreateContactInput in) {
        Validation v = new Validation().text(in.lastName(), "input.lastName", true, 200)
                .text(in.firstName(), "input.firstName", false, 200).text(in.title(), "input.title", false, 200)
                .text(in.email(), "input.email", false, 320).text(in.phone(), "input.phone", false, 50);
        v.check(in.email() == null || in.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "input.email",
                "is not an e-mail address");
        UUID account = null;
        if (in.accountId() != null) {
            account = GlobalId.decode(in.accountId(), "Account").flatMap(accounts::findById)
                    .filter(a -> a.deletedAt() == null).map(a -> a.id()).orElse(null);
            if (account == null) {
                v.add(UserError.notFound("input.accountId", "Account"));
            }
        }
        v.orThrow();
        return save(account, in.firstName(), in.lastName().trim(), in.title(), in.email(), in.phone());
    }

    /** A new contact; the caller has validated. */
    public ContactRow save(UUID accountId, String firstName, String lastName, String title, String email, String phone) {
        return contacts.save(new ContactRow(UUID.randomUUID(), accountId, firstName, lastName, title, email, phone, 0,
                null, null, null));
    }
}

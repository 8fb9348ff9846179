package org.openchance.server.contact;

import java.util.Map;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.graphql.PartialUpdate;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.history.RecordHistory;
import org.openchance.store.account.AccountRow;
import org.openchance.store.contact.ContactRepository;
import org.openchance.store.contact.ContactRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ContactService {

    public record CreateContactInput(
            String accountId, String firstName, String lastName, String title, String email, String phone) {}

    public record UpdateContactInput(
            String id,
            Integer expectedVersion,
            String accountId,
            String firstName,
            String lastName,
            String title,
            String email,
            String phone) {}

    private final ContactRepository contacts;
    private final RecordHistory history;
    private final VisibleAccounts accounts;
    private final DomainEvents events;

    ContactService(ContactRepository contacts, VisibleAccounts accounts, DomainEvents events, RecordHistory history) {
        this.history = history;
        this.contacts = contacts;
        this.accounts = accounts;
        this.events = events;
    }

    @Transactional
    public ContactRow create(CreateContactInput in) {
        Validation v = validate(in.lastName(), true, in.firstName(), in.title(), in.email(), in.phone());
        UUID account = in.accountId() == null ? null : account(in.accountId(), v);
        v.orThrow();
        return save(account, in.firstName(), in.lastName().trim(), in.title(), in.email(), in.phone());
    }

    @Transactional
    public ContactRow update(UpdateContactInput in) {
        ContactRow contact = accounts.editableContact(in.id(), "input.id");
        Validation v =
                validate(in.lastName(), in.lastName() != null, in.firstName(), in.title(), in.email(), in.phone());
        UUID account = in.accountId() == null ? contact.accountId() : account(in.accountId(), v);
        v.orThrow();
        if (in.expectedVersion() == null || in.expectedVersion() != contact.version()) {
            throw new UserErrorException(new UserError(
                    UserError.VERSION_CONFLICT,
                    "the contact is at version " + contact.version() + ", not " + in.expectedVersion()
                            + ": reload and try again",
                    "input.expectedVersion"));
        }
        ContactRow saved = history.record(
                "Contact",
                contact,
                contacts.update(new ContactRow(
                        contact.id(),
                        account,
                        PartialUpdate.orCurrent(in.firstName(), contact.firstName()),
                        in.lastName() == null
                                ? contact.lastName()
                                : in.lastName().trim(),
                        PartialUpdate.orCurrent(in.title(), contact.title()),
                        PartialUpdate.orCurrent(in.email(), contact.email()),
                        PartialUpdate.orCurrent(in.phone(), contact.phone()),
                        contact.version(),
                        contact.createdAt(),
                        contact.updatedAt(),
                        contact.deletedAt())));
        publish(EventTypes.CONTACT_UPDATED, saved);
        return saved;
    }

    private UUID account(String id, Validation v) {
        // a contact is the account's: filing one under it (or moving one there) changes the account
        AccountRow account = v.collect(() -> accounts.editable(id, "input.accountId"));
        return account == null ? null : account.id();
    }

    private static Validation validate(
            String lastName, boolean lastNameRequired, String firstName, String title, String email, String phone) {
        Validation v = new Validation()
                .text(lastName, "input.lastName", lastNameRequired, 200)
                .text(firstName, "input.firstName", false, 200)
                .text(title, "input.title", false, 200)
                .text(email, "input.email", false, 320)
                .text(phone, "input.phone", false, 50);
        return v.email(email, "input.email");
    }

    /** A new contact; the caller has validated. Tells the listeners (search, webhooks), in the caller's transaction. */
    public ContactRow save(
            UUID accountId, String firstName, String lastName, String title, String email, String phone) {
        ContactRow saved = contacts.save(new ContactRow(
                UUID.randomUUID(), accountId, firstName, lastName, title, email, phone, 0, null, null, null));
        publish(EventTypes.CONTACT_CREATED, saved);
        return saved;
    }

    private void publish(String type, ContactRow contact) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("contactId", contact.id().toString());
        payload.put("lastName", contact.lastName());
        if (contact.accountId() != null) {
            payload.put("accountId", contact.accountId().toString());
        }
        events.publish(type, "Contact", contact.id(), payload);
    }
}

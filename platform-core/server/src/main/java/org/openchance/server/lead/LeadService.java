package org.openchance.server.lead;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.openchance.server.account.AccountService;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.contact.ContactService;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.PartialUpdate;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.history.RecordHistory;
import org.openchance.server.opportunity.OpportunityInputs.CreateOpportunityInput;
import org.openchance.server.opportunity.OpportunityService;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountRow;
import org.openchance.store.account.MatchKey;
import org.openchance.store.contact.ContactRepository;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.lead.LeadRepository;
import org.openchance.store.lead.LeadRow;
import org.openchance.store.lead.LeadStatus;
import org.openchance.store.opportunity.OpportunityContactRepository;
import org.openchance.store.opportunity.OpportunityContactRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class LeadService {

    public record CreateLeadInput(String companyName, String contactName, String email, String phone, String source) {}

    public record UpdateLeadInput(
            String id,
            Integer expectedVersion,
            String companyName,
            String contactName,
            String email,
            String phone,
            String source,
            LeadStatus status) {}

    public record DisqualifyLeadInput(String leadId, Integer expectedVersion, String reason) {}

    public record QualifyLeadInput(
            String leadId,
            Integer expectedVersion,
            String opportunityName,
            MoneyInput amount,
            LocalDate expectedCloseDate,
            String ownerId) {}

    private final LeadRepository leads;
    private final RecordHistory history;
    private final VisibleAccounts accounts;
    private final AccountService accountService;
    private final ContactRepository contacts;
    private final ContactService contactService;
    private final OpportunityService opportunities;
    private final OpportunityContactRepository opportunityContacts;
    private final CurrentUser currentUser;

    LeadService(
            LeadRepository leads,
            VisibleAccounts accounts,
            AccountService accountService,
            ContactRepository contacts,
            ContactService contactService,
            OpportunityService opportunities,
            OpportunityContactRepository opportunityContacts,
            CurrentUser currentUser,
            RecordHistory history) {
        this.history = history;
        this.leads = leads;
        this.accounts = accounts;
        this.accountService = accountService;
        this.contacts = contacts;
        this.contactService = contactService;
        this.opportunities = opportunities;
        this.opportunityContacts = opportunityContacts;
        this.currentUser = currentUser;
    }

    @Transactional
    public LeadRow create(CreateLeadInput in) {
        validate(in.companyName(), true, in.contactName(), in.email(), in.phone(), in.source())
                .orThrow();
        return leads.save(new LeadRow(
                UUID.randomUUID(),
                in.companyName().trim(),
                in.contactName(),
                in.email(),
                in.phone(),
                in.source(),
                LeadStatus.NEW,
                null,
                null,
                0,
                null,
                null));
    }

    @Transactional
    public LeadRow update(UpdateLeadInput in) {
        LeadRow lead = find(in.id(), "input.id");
        Validation v = validate(
                in.companyName(), in.companyName() != null, in.contactName(), in.email(), in.phone(), in.source());
        v.check(
                in.status() == null || in.status().open(),
                "input.status",
                "must be NEW or WORKING (qualifyLead and disqualifyLead change to the others)");
        v.orThrow();
        requireVersion(lead, in.expectedVersion());
        requireOpen(lead, "input.id");
        LeadStatus status = PartialUpdate.orCurrent(in.status(), lead.status());
        return history.record(
                "Lead",
                lead,
                leads.update(new LeadRow(
                        lead.id(),
                        in.companyName() == null
                                ? lead.companyName()
                                : in.companyName().trim(),
                        PartialUpdate.orCurrent(in.contactName(), lead.contactName()),
                        PartialUpdate.orCurrent(in.email(), lead.email()),
                        PartialUpdate.orCurrent(in.phone(), lead.phone()),
                        PartialUpdate.orCurrent(in.source(), lead.source()),
                        status,
                        null,
                        status == LeadStatus.DISQUALIFIED ? lead.disqualificationReason() : null,
                        lead.version(),
                        lead.createdAt(),
                        lead.updatedAt())));
    }

    @Transactional
    public LeadRow disqualify(DisqualifyLeadInput in) {
        LeadRow lead = find(in.leadId(), "input.leadId");
        new Validation().text(in.reason(), "input.reason", true, 1000).orThrow();
        requireVersion(lead, in.expectedVersion());
        requireOpen(lead, "input.leadId");
        return history.record(
                "Lead", lead, leads.update(lead.disqualified(in.reason().trim())));
    }

    private LeadRow find(String id, String field) {
        return GlobalId.decode(id, "Lead")
                .flatMap(leads::findById)
                .orElseThrow(() -> new UserErrorException(UserError.notFound(field, "Lead")));
    }

    private static void requireVersion(LeadRow lead, Integer expected) {
        if (expected == null || expected != lead.version()) {
            throw new UserErrorException(new UserError(
                    UserError.VERSION_CONFLICT,
                    "the lead is at version " + lead.version() + ", not " + expected + ": reload and try again",
                    "input.expectedVersion"));
        }
    }

    private static void requireOpen(LeadRow lead, String field) {
        if (lead.status() == LeadStatus.QUALIFIED) {
            throw new UserErrorException(new UserError(
                    UserError.INVALID_TRANSITION, "the lead is qualified; work on its opportunity instead", field));
        }
    }

    private static Validation validate(
            String companyName,
            boolean companyRequired,
            String contactName,
            String email,
            String phone,
            String source) {
        Validation v = new Validation()
                .text(companyName, "input.companyName", companyRequired, 200)
                .text(contactName, "input.contactName", false, 200)
                .text(email, "input.email", false, 320)
                .text(phone, "input.phone", false, 50)
                .text(source, "input.source", false, 100);
        return v.email(email, "input.email");
    }

    /**
     * Lead to opportunity in one transaction: account (matched by name, else new), contact (matched by e-mail at
     * that account, else new), opportunity, lead marked QUALIFIED. Any failure on the way leaves none of it.
     */
    @Transactional
    public OpportunityRow qualify(QualifyLeadInput in) {
        LeadRow lead = GlobalId.decode(in.leadId(), "Lead")
                .flatMap(leads::findById)
                .orElseThrow(() -> new UserErrorException(UserError.notFound("input.leadId", "Lead")));
        if (in.expectedVersion() != null && in.expectedVersion() != lead.version()) {
            throw new UserErrorException(new UserError(
                    UserError.VERSION_CONFLICT,
                    "the lead is at version " + lead.version() + ", not " + in.expectedVersion(),
                    "input.expectedVersion"));
        }
        if (!lead.status().open()) {
            throw new UserErrorException(new UserError(
                    UserError.INVALID_TRANSITION,
                    "the lead is " + lead.status() + " and cannot be qualified",
                    "input.leadId"));
        }
        AccountRow account = accounts.firstMatching(MatchKey.of(lead.companyName()))
                .orElseGet(() -> accountService.saveNew(new AccountRow(
                        UUID.randomUUID(),
                        lead.companyName(),
                        MatchKey.of(lead.companyName()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        currentUser.id().orElse(null),
                        0,
                        null,
                        null,
                        null)));
        Optional<ContactRow> contact = contactOf(lead, account);

        OpportunityRow opportunity;
        try {
            opportunity = opportunities.create(new CreateOpportunityInput(
                    in.opportunityName() != null ? in.opportunityName() : lead.companyName(),
                    GlobalId.of("Account", account.id()),
                    null,
                    in.amount(),
                    null,
                    null,
                    in.expectedCloseDate(),
                    null,
                    null,
                    in.ownerId(),
                    null,
                    null,
                    null));
        } catch (UserErrorException e) {
            // The opportunity's fields are this input's fields under other names.
            throw new UserErrorException(
                    e.errors().stream().map(LeadService::renamed).toList());
        }
        contact.ifPresent(c -> opportunityContacts.save(
                new OpportunityContactRow(new OpportunityContactRow.Key(opportunity.id(), c.id()), "Primary contact")));
        history.record("Lead", lead, leads.update(lead.qualified(opportunity.id())));
        return opportunity;
    }

    private Optional<ContactRow> contactOf(LeadRow lead, AccountRow account) {
        if (lead.contactName() == null || lead.contactName().isBlank()) {
            return Optional.empty();
        }
        Optional<ContactRow> known = lead.email() == null
                ? Optional.empty()
                : contacts.findFirstByAccountIdAndEmailIlikeAndDeletedAtIsNull(account.id(), lead.email());
        if (known.isPresent()) {
            return known;
        }
        String name = lead.contactName().trim();
        int space = name.lastIndexOf(' ');
        return Optional.of(contactService.save(
                account.id(),
                space < 0 ? null : name.substring(0, space),
                space < 0 ? name : name.substring(space + 1),
                null,
                lead.email(),
                lead.phone()));
    }

    private static UserError renamed(UserError error) {
        String field = error.field() == null
                ? null
                : switch (error.field()) {
                    case "input.name" -> "input.opportunityName";
                    default -> error.field();
                };
        return new UserError(error.code(), error.message(), field);
    }
}

package org.openchance.server.contact;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.PageSize;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.UserError;
import org.openchance.server.opportunity.OpportunityInputs;
import org.openchance.server.opportunity.OpportunityService;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountRow;
import org.openchance.store.contact.ContactQueries;
import org.openchance.store.contact.ContactRepository;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.opportunity.OpportunityContactRepository;
import org.openchance.store.opportunity.OpportunityContactRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class ContactController {

    static final String TYPE = "Contact";

    record ContactPayload(ContactRow contact, List<UserError> errors) {}

    record OpportunityPayload(OpportunityRow opportunity, List<UserError> errors) {}

    record OpportunityContact(ContactRow contact, String role) {}

    /** The first page of an account's people as a response asks for it: what the data loader batches. */
    record ContactPage(UUID accountId, int first, boolean counted) {

        /** The page without its account: pages of one shape are read together. */
        ContactPage shape() {
            return new ContactPage(null, first, counted);
        }
    }

    private static final String CONTACT_LISTS = "accountContactLists";

    private final ContactRepository contacts;
    private final VisibleAccounts accounts;
    private final OpportunityContactRepository opportunityContacts;
    private final ContactService service;
    private final OpportunityService opportunities;
    private final ContactQueries query;
    private final CurrentUser currentUser;

    ContactController(
            ContactRepository contacts,
            VisibleAccounts accounts,
            OpportunityContactRepository opportunityContacts,
            ContactService service,
            OpportunityService opportunities,
            ContactQueries query,
            CurrentUser currentUser,
            BatchLoaderRegistry batches) {
        batches.<ContactPage, Connection<ContactRow>>forName(CONTACT_LISTS)
                .withOptions(o -> o.setCachingEnabled(false)) // a mutation's later fields see its changes
                .registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> firstPages(keys)));
        this.currentUser = currentUser;
        this.contacts = contacts;
        this.accounts = accounts;
        this.opportunityContacts = opportunityContacts;
        this.service = service;
        this.opportunities = opportunities;
        this.query = query;
    }

    @QueryMapping
    ContactRow contact(@Argument String id) {
        return GlobalId.decode(id, TYPE).flatMap(accounts::liveContact).orElse(null);
    }

    @MutationMapping
    ContactPayload createContact(@Argument ContactService.CreateContactInput input) {
        return Mutations.run(() -> service.create(input), ContactPayload::new);
    }

    @MutationMapping
    OpportunityPayload addOpportunityContact(@Argument OpportunityInputs.AddOpportunityContactInput input) {
        return Mutations.run(() -> opportunities.addContact(input), OpportunityPayload::new);
    }

    @MutationMapping
    ContactPayload updateContact(@Argument ContactService.UpdateContactInput input) {
        return Mutations.run(() -> service.update(input), ContactPayload::new);
    }

    @MutationMapping
    OpportunityPayload removeOpportunityContact(@Argument OpportunityInputs.RemoveOpportunityContactInput input) {
        return Mutations.run(() -> opportunities.removeContact(input), OpportunityPayload::new);
    }

    /** An account's people; the first page read for all the response's accounts at once, later pages one by one. */
    @SchemaMapping(typeName = "Account", field = "contacts")
    Object accountContacts(
            AccountRow account, @Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
        if (after == null) {
            return env.<ContactPage, Connection<ContactRow>>getDataLoader(CONTACT_LISTS)
                    .load(new ContactPage(
                            account.id(),
                            PageSize.of(first),
                            env.getSelectionSet().contains("totalCount")));
        }
        PageRequest page = Pages.request("contacts", ContactQueries.BY_LAST_NAME, first, after);
        ContactQueries.Filter ofAccount = new ContactQueries.Filter(currentUser.viewer(), account.id());
        return Pages.connection(
                "contacts",
                page,
                query.page(ofAccount, page),
                contacts::findByIdIn,
                ContactRow::id,
                () -> query.count(ofAccount));
    }

    /** The first pages of many accounts' people: per shape of page, one statement each for ids, rows, counts. */
    private Map<ContactPage, Connection<ContactRow>> firstPages(Set<ContactPage> keys) {
        return Pages.byShape(
                keys,
                ContactPage::shape,
                ContactPage::accountId,
                (shape, accountIds) -> Pages.firstPages(
                        "contacts",
                        Pages.request("contacts", ContactQueries.BY_LAST_NAME, shape.first(), null),
                        query,
                        new ContactQueries.Filter(currentUser.viewer(), null),
                        "account_id",
                        accountIds,
                        shape.counted(),
                        contacts::findByIdIn,
                        ContactRow::id));
    }

    @SchemaMapping(typeName = TYPE, field = "id")
    String id(ContactRow contact) {
        return GlobalId.of(TYPE, contact.id());
    }

    @BatchMapping(typeName = TYPE, field = "account")
    Map<ContactRow, AccountRow> account(List<ContactRow> list) {
        // the contact may be seen through a deal of another account: its own account only if that is readable too
        return Batches.byKey(list, ContactRow::accountId, accounts::find, AccountRow::id);
    }

    /** The contacts of a page of opportunities: one statement for the links, one for the people. */
    @BatchMapping(typeName = "Opportunity", field = "contacts")
    Map<OpportunityRow, List<OpportunityContact>> opportunityContacts(List<OpportunityRow> list) {
        List<OpportunityContactRow> links = opportunityContacts.findByKeyOpportunityIdIn(
                list.stream().map(OpportunityRow::id).distinct().toList());
        Map<UUID, ContactRow> byId =
                contacts
                        .findByIdIn(links.stream()
                                .map(l -> l.key().contactId())
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(ContactRow::id, Function.identity()));
        return list.stream().collect(Collectors.toMap(Function.identity(), o -> links.stream()
                .filter(l -> l.key().opportunityId().equals(o.id()))
                .map(l -> new OpportunityContact(byId.get(l.key().contactId()), l.role()))
                .toList()));
    }
}

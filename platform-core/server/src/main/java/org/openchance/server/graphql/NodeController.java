package org.openchance.server.graphql;

import org.openchance.store.account.AccountRepository;
import org.openchance.store.activity.ActivityRepository;
import org.openchance.store.contact.ContactRepository;
import org.openchance.store.lead.LeadRepository;
import org.openchance.store.opportunity.OpportunityRepository;
import org.openchance.store.task.TaskRepository;
import org.openchance.store.user.UserRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code Query.node}: any object by its opaque ID. */
@Controller
class NodeController {

    private final UserRepository users;
    private final AccountRepository accounts;
    private final OpportunityRepository opportunities;
    private final ContactRepository contacts;
    private final LeadRepository leads;
    private final TaskRepository tasks;
    private final ActivityRepository activities;

    NodeController(
            UserRepository users,
            AccountRepository accounts,
            OpportunityRepository opportunities,
            ContactRepository contacts,
            LeadRepository leads,
            TaskRepository tasks,
            ActivityRepository activities) {
        this.users = users;
        this.accounts = accounts;
        this.opportunities = opportunities;
        this.contacts = contacts;
        this.leads = leads;
        this.tasks = tasks;
        this.activities = activities;
    }

    @QueryMapping
    Object node(@Argument String id) {
        return GlobalId.decode(id)
                .map(global -> switch (global.type()) {
                    case "User" -> users.findById(global.uuid()).orElse(null);
                    case "Account" ->
                        accounts.findById(global.uuid())
                                .filter(a -> a.deletedAt() == null)
                                .orElse(null);
                    case "Opportunity" ->
                        opportunities
                                .findById(global.uuid())
                                .filter(o -> o.deletedAt() == null)
                                .orElse(null);
                    case "Contact" ->
                        contacts.findById(global.uuid())
                                .filter(c -> c.deletedAt() == null)
                                .orElse(null);
                    case "Lead" -> leads.findById(global.uuid()).orElse(null);
                    case "Task" -> tasks.findById(global.uuid()).orElse(null);
                    case "Activity" ->
                        activities
                                .findById(global.uuid())
                                .filter(a -> a.deletedAt() == null)
                                .orElse(null);
                    default -> null;
                })
                .orElse(null);
    }
}

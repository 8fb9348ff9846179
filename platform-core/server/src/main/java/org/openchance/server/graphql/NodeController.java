package org.openchance.server.graphql;

import java.util.Optional;
import java.util.Set;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.activity.ActivityRepository;
import org.openchance.store.lead.LeadRepository;
import org.openchance.store.task.TaskRepository;
import org.openchance.store.user.UserRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Query.node}: any record by its opaque ID, if the current user may see it; also what a plugin's field may
 * look up by id ({@link #find}).
 */
@Controller
public class NodeController {

    private static final Set<String> PARTNER_TYPES = Set.of("Opportunity", "Task", "Activity");
    private static final Set<String> RECORD_TYPES =
            Set.of("User", "Account", "Opportunity", "Contact", "Lead", "Task", "Activity");

    private final UserRepository users;
    private final VisibleAccounts accounts;
    private final VisibleOpportunities visible;
    private final CurrentUser currentUser;
    private final LeadRepository leads;
    private final TaskRepository tasks;
    private final ActivityRepository activities;
    private final PluginNodes pluginNodes;

    NodeController(
            UserRepository users,
            VisibleAccounts accounts,
            VisibleOpportunities visible,
            CurrentUser currentUser,
            LeadRepository leads,
            TaskRepository tasks,
            ActivityRepository activities,
            PluginNodes pluginNodes) {
        this.users = users;
        this.accounts = accounts;
        this.visible = visible;
        this.currentUser = currentUser;
        this.leads = leads;
        this.tasks = tasks;
        this.activities = activities;
        this.pluginNodes = pluginNodes;
    }

    /**
     * The record with this id if the current user may see it. Partners see deals they are on, with those deals' tasks
     * and activities; not accounts, contacts, leads or users by id.
     */
    @QueryMapping
    Object node(@Argument String id) {
        Optional<GlobalId> global = GlobalId.decode(id);
        if (global.isPresent() && !isRecordType(global.get().type())) {
            // a plugin's own type (competitors, say): its plugin answers, or nobody
            return pluginNodes.find(global.get().type(), global.get().uuid()).orElse(null);
        }
        return global.flatMap(this::find).orElse(null);
    }

    /** The host's record with this id, if the current user may see it; empty for unknown types. */
    public Optional<Object> find(GlobalId global) {
        boolean partner = currentUser.isPartner();
        if (partner && !PARTNER_TYPES.contains(global.type())) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                switch (global.type()) {
                    case "User" -> users.findById(global.uuid()).orElse(null);
                    case "Account" -> accounts.live(global.uuid()).orElse(null);
                    case "Opportunity" -> visible.live(global.uuid()).orElse(null);
                    case "Contact" -> accounts.liveContact(global.uuid()).orElse(null);
                    case "Lead" -> leads.findById(global.uuid()).orElse(null);
                    case "Task" ->
                        tasks.findById(global.uuid())
                                .filter(t -> seesParent(t.opportunityId(), t.accountId(), partner))
                                .orElse(null);
                    case "Activity" ->
                        activities
                                .findById(global.uuid())
                                .filter(a -> a.deletedAt() == null)
                                .filter(a -> seesParent(a.opportunityId(), a.accountId(), partner))
                                .orElse(null);
                    default -> null;
                });
    }

    /** Whether the type is one of the host's records (whose ids {@link #find} checks). */
    public static boolean isRecordType(String type) {
        return RECORD_TYPES.contains(type);
    }

    /**
     * A task or activity is visible with its deal; one of an account only (no deal) with its account, to employees;
     * one of neither to every employee.
     */
    private boolean seesParent(java.util.UUID opportunityId, java.util.UUID accountId, boolean partner) {
        if (opportunityId != null) {
            return visible.live(opportunityId).isPresent();
        }
        return !partner && (accountId == null || accounts.live(accountId).isPresent());
    }
}

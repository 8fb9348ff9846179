package org.openchance.server.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.event.EventTypes;
import org.openchance.server.account.AccountService;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.Validation;
import org.openchance.server.opportunity.OpportunityService;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.account.AccountRow;
import org.openchance.store.activity.ActivityContactRepository;
import org.openchance.store.activity.ActivityContactRow;
import org.openchance.store.activity.ActivityRepository;
import org.openchance.store.activity.ActivityRow;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.opportunity.OpportunityRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Logs what happened with a customer: on an opportunity (and so on its account) or on an account. */
@Service
public class ActivityService {

    static final String TYPE = "Activity";
    /** A call note or an e-mail with its quoted thread fits; a pasted document does not (attach it instead). */
    static final int MAX_BODY = 100_000;
    /** Planned meetings are tasks; an activity is something that happened (a little clock skew allowed). */
    static final Duration MAX_FUTURE = Duration.ofHours(1);

    public record LogActivityInput(
            String opportunityId,
            String accountId,
            String type,
            String subject,
            String body,
            String outcome,
            OffsetDateTime occurredAt,
            List<String> contactIds) {}

    private final ActivityRepository activities;
    private final ActivityContactRepository activityContacts;
    private final VisibleAccounts visibleAccounts;
    private final OpportunityService opportunities;
    private final AccountService accounts;
    private final CurrentUser currentUser;
    private final DomainEvents events;

    ActivityService(
            ActivityRepository activities,
            ActivityContactRepository activityContacts,
            VisibleAccounts visibleAccounts,
            OpportunityService opportunities,
            AccountService accounts,
            CurrentUser currentUser,
            DomainEvents events) {
        this.activities = activities;
        this.activityContacts = activityContacts;
        this.visibleAccounts = visibleAccounts;
        this.opportunities = opportunities;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.events = events;
    }

    @Transactional
    public ActivityRow log(LogActivityInput in) {
        Validation v = new Validation()
                .text(in.subject(), "input.subject", true, 500)
                .text(in.body(), "input.body", false, MAX_BODY)
                .text(in.outcome(), "input.outcome", false, 1_000);
        Instant now = Instant.now();
        Instant occurredAt = in.occurredAt() == null ? now : in.occurredAt().toInstant();
        v.check(
                !occurredAt.isAfter(now.plus(MAX_FUTURE)),
                "input.occurredAt",
                "is in the future: log what happened, plan what will happen as a task");
        v.check(
                (in.opportunityId() == null) != (in.accountId() == null),
                "input.opportunityId",
                "give either an opportunity or an account");
        UUID opportunity = null;
        UUID account = null;
        if (in.opportunityId() != null) {
            OpportunityRow o = v.collect(() -> opportunities.live(in.opportunityId(), "input.opportunityId"));
            opportunity = o == null ? null : o.id();
            account = o == null ? null : o.accountId();
        } else if (in.accountId() != null) {
            AccountRow a = v.collect(() -> accounts.find(in.accountId(), "input.accountId"));
            account = a == null ? null : a.id();
        }
        Set<UUID> people = new LinkedHashSet<>();
        for (String id : in.contactIds() == null ? List.<String>of() : in.contactIds()) {
            UUID contact = GlobalId.decode(id, "Contact")
                    .flatMap(visibleAccounts::liveContact)
                    .map(ContactRow::id)
                    .orElse(null);
            if (contact == null) {
                v.add(UserError.notFound("input.contactIds", "Contact " + id));
            } else {
                people.add(contact);
            }
        }
        v.orThrow();
        ActivityRow saved = activities.save(new ActivityRow(
                UUID.randomUUID(),
                in.type(),
                opportunity,
                account,
                in.subject().trim(),
                in.body(),
                in.outcome(),
                occurredAt,
                currentUser.id().orElse(null),
                0,
                null,
                null,
                null));
        List<ActivityContactRow> links = new ArrayList<>();
        people.forEach(c -> links.add(new ActivityContactRow(new ActivityContactRow.Key(saved.id(), c))));
        if (!links.isEmpty()) {
            activityContacts.saveAll(links);
        }
        // Ordered with the opportunity's other events (or the account's, for an account's own activity).
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("activityId", saved.id().toString());
        payload.put("activityType", saved.type());
        payload.put("subject", saved.subject());
        payload.put("occurredAt", saved.occurredAt().toString());
        payload.put("accountId", saved.accountId().toString());
        if (opportunity != null) {
            payload.put("opportunityId", opportunity.toString());
        }
        events.publish(
                EventTypes.ACTIVITY_LOGGED,
                opportunity != null ? "Opportunity" : "Account",
                opportunity != null ? opportunity : account,
                payload);
        return saved;
    }
}

package org.openchance.api.event;

import java.util.List;

/**
 * The types of the domain events the host publishes ({@link DomainEvent#type()}); webhooks subscribe to these names.
 * New types come in minor versions.
 */
public final class EventTypes {

    public static final String ACCOUNT_CREATED = "account.created";
    public static final String ACCOUNT_UPDATED = "account.updated";
    public static final String CONTACT_CREATED = "contact.created";
    public static final String CONTACT_UPDATED = "contact.updated";
    public static final String OPPORTUNITY_CREATED = "opportunity.created";
    public static final String OPPORTUNITY_UPDATED = "opportunity.updated";
    public static final String OPPORTUNITY_STAGE_CHANGED = "opportunity.stage_changed";
    public static final String OPPORTUNITY_CLOSED_WON = "opportunity.closed_won";
    public static final String OPPORTUNITY_CLOSED_LOST = "opportunity.closed_lost";
    public static final String OPPORTUNITY_REOPENED = "opportunity.reopened";
    public static final String OPPORTUNITY_DELETED = "opportunity.deleted";
    public static final String OPPORTUNITY_RESTORED = "opportunity.restored";
    /** Published on the activity's opportunity (or account); the payload names the activity. */
    public static final String ACTIVITY_LOGGED = "activity.logged";

    public static final String TASK_CREATED = "task.created";
    public static final String TASK_UPDATED = "task.updated";
    public static final String TASK_COMPLETED = "task.completed";
    public static final String TASK_REOPENED = "task.reopened";
    /** A pipeline, its stages or its close reasons were configured (the payload's {@code change} says how). */
    public static final String PIPELINE_CHANGED = "pipeline.changed";
    /** An exchange rate was set (the payload names currency, rate and the day it is valid from). */
    public static final String EXCHANGE_RATE_SET = "exchange-rate.set";

    /** A task's reminder time has come. */
    public static final String TASK_REMINDER = "task.reminder";
    /** A task's due time has come and it is not done. */
    public static final String TASK_DUE = "task.due";

    /** A quote was created from an opportunity (by the quotes plugin; the payload names the opportunity). */
    public static final String QUOTE_CREATED = "quote.created";
    /** A quote was sent: frozen, its PDF stored. */
    public static final String QUOTE_SENT = "quote.sent";
    /** The customer accepted a quote; the deal's amount follows it. */
    public static final String QUOTE_ACCEPTED = "quote.accepted";
    /** The customer rejected a quote (the payload has the reason). */
    public static final String QUOTE_REJECTED = "quote.rejected";
    /** A sent quote passed its valid-until date unanswered. */
    public static final String QUOTE_EXPIRED = "quote.expired";

    /** The types plugins publish through {@code EventPublisher}; the others are the host's own. */
    public static final List<String> PLUGIN_TYPES =
            List.of(QUOTE_CREATED, QUOTE_SENT, QUOTE_ACCEPTED, QUOTE_REJECTED, QUOTE_EXPIRED);

    /** Every type above, in this order. */
    public static final List<String> ALL = List.of(
            ACCOUNT_CREATED,
            ACCOUNT_UPDATED,
            CONTACT_CREATED,
            CONTACT_UPDATED,
            OPPORTUNITY_CREATED,
            OPPORTUNITY_UPDATED,
            OPPORTUNITY_STAGE_CHANGED,
            OPPORTUNITY_CLOSED_WON,
            OPPORTUNITY_CLOSED_LOST,
            OPPORTUNITY_REOPENED,
            OPPORTUNITY_DELETED,
            OPPORTUNITY_RESTORED,
            ACTIVITY_LOGGED,
            TASK_CREATED,
            TASK_UPDATED,
            TASK_COMPLETED,
            TASK_REOPENED,
            TASK_REMINDER,
            TASK_DUE,
            PIPELINE_CHANGED,
            EXCHANGE_RATE_SET,
            QUOTE_CREATED,
            QUOTE_SENT,
            QUOTE_ACCEPTED,
            QUOTE_REJECTED,
            QUOTE_EXPIRED);

    private EventTypes() {}
}

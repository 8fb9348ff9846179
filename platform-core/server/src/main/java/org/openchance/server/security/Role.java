package org.openchance.server.security;

/** What a user may do; the policy table ({@link OperationPolicy}) says which operations each role reaches. */
public enum Role {
    /** Users, pipelines, plugins, scorecards, webhooks, settings, everyone's API keys; sees every record. */
    ADMIN,
    /** Also everything of their reports, transitively through {@code manager}. */
    MANAGER,
    /** Works deals: reads by the sharing default, writes what they own or edit on a team. */
    SALES,
    /** An external partner: only the deals whose team they are on. */
    PARTNER,
    /** Reads like sales, writes nothing. */
    READ_ONLY
}

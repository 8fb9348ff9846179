package org.openchance.server.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchance.server.security.Caller;
import org.openchance.server.security.CallerAuthentication;
import org.openchance.server.security.CallerRows;
import org.openchance.server.security.Role;
import org.openchance.store.access.Sharing;
import org.openchance.store.access.Viewer;
import org.openchance.store.user.UserQueries;
import org.openchance.store.user.UserRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who the API acts for: the caller the security filter authenticated, and the viewer the visibility rule reads.
 * Without one (background work: events, sweeps, start-up), nobody: services then act as the system, and reads that
 * need a viewer get {@link Viewer#SYSTEM}, which says so where it is used.
 */
@Component
public class CurrentUser {

    private final UserQueries users;
    private final CallerRows callerRows;
    private final Sharing opportunities;
    private final Sharing accounts;

    CurrentUser(
            UserQueries users,
            CallerRows callerRows,
            @Value("${openchance.security.sharing.opportunities:PUBLIC_READ}") Sharing opportunities,
            @Value("${openchance.security.sharing.accounts:PUBLIC_READ}") Sharing accounts) {
        this.users = users;
        this.callerRows = callerRows;
        this.opportunities = opportunities;
        this.accounts = accounts;
    }

    public Optional<Caller> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication c ? Optional.of(c.caller()) : Optional.empty();
    }

    public Optional<UserRow> get() {
        return caller().map(Caller::user);
    }

    public Optional<UUID> id() {
        return get().map(UserRow::id);
    }

    /** Whether the request comes from an external partner (who never gets the sharing default). */
    public boolean isPartner() {
        return caller().map(Caller::isPartner).orElse(false);
    }

    /**
     * The rule's input for this request; the system's in background work. A request thread without a caller (a path
     * that lost the security context) sees nothing rather than everything.
     */
    public Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication c) {
            return c.viewer(this::viewerOf);
        }
        return RequestContextHolder.getRequestAttributes() != null ? Viewer.NOBODY : Viewer.SYSTEM;
    }

    private Viewer viewerOf(Caller caller) {
        UUID me = caller.userId();
        if (caller.has(Role.ADMIN)) {
            return new Viewer(me, Viewer.Reach.EVERYTHING, opportunities, accounts, () -> List.of(me));
        }
        if (caller.isPartner()) {
            return new Viewer(me, Viewer.Reach.PARTNER, opportunities, accounts, () -> List.of(me));
        }
        return new Viewer(
                me, Viewer.Reach.EMPLOYEE, opportunities, accounts, () -> callerRows.lineOf(me, users::lineOf));
    }
}

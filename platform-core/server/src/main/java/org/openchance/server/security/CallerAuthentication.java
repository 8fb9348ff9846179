package org.openchance.server.security;

import java.util.function.Function;
import org.openchance.store.access.Viewer;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication of a request: its {@link Caller}, and the viewer the visibility rule reads, made once. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private volatile Viewer viewer;

    public CallerAuthentication(Caller caller) {
        super(caller.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    /** The viewer of this request, computed on first use (it may cost a query for the management line). */
    public Viewer viewer(Function<Caller, Viewer> compute) {
        Viewer v = viewer;
        if (v == null) {
            v = compute.apply(caller);
            viewer = v;
        }
        return v;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.user().email();
    }
}

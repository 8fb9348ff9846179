package org.openchance.server.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/providers}, without credentials: how a front end can sign in here. Built-in accounts always; and,
 * when an OpenID Connect provider is configured with a public client for browsers
 * ({@code openchance.security.oidc.web-client-id}), what a browser needs for the authorization code flow with PKCE:
 * the issuer, that client's ID, the scopes and the name to show on the button. The token the provider gives back is
 * sent as {@code Authorization: Bearer} like any of its tokens (so its audience must be the configured one).
 */
@RestController
class SignInOptionsController {

    private final Map<String, Object> options;

    SignInOptionsController(
            @Value("${openchance.security.oidc.issuer-uri:}") String issuer,
            @Value("${openchance.security.oidc.web-client-id:}") String clientId,
            @Value("${openchance.security.oidc.web-scopes:openid email profile}") String scopes,
            @Value("${openchance.security.oidc.display-name:Single sign-on}") String name) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("password", true);
        if (!issuer.isBlank() && !clientId.isBlank()) {
            answer.put(
                    "oidc",
                    Map.of("issuer", issuer.strip(), "clientId", clientId.strip(), "scope", scopes, "name", name));
        } else {
            answer.put("oidc", null);
        }
        this.options = Collections.unmodifiableMap(answer);
    }

    @GetMapping("/auth/providers")
    Map<String, Object> providers() {
        return options;
    }
}

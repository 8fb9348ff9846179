package org.openchance.server.security;

import io.micrometer.context.ContextRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing answers without credentials but health (status only), the static assets of GraphiQL and of the web app,
 * and the sign-in endpoints. Every other request sends {@code Authorization: Bearer} with an access token, an OpenID
 * Connect token or an API key; without a valid one it gets 401 with a JSON error and {@code WWW-Authenticate},
 * before any GraphQL parsing or SQL of the request. Stateless: no sessions, no cookies, so no CSRF to defend against.
 */
@Configuration
class SecurityConfiguration {

    /*
     * The request's security context reaches every data fetcher by context propagation: a snapshot is taken and its
     * thread-locals set and restored around each field. Spring Security also registers accessors for WebFlux (its
     * reactive context and the ServerWebExchange), which a servlet server never has but pays for on every field of
     * every response. They go; the servlet SecurityContextHolder's accessor stays.
     */
    static {
        ContextRegistry registry = ContextRegistry.getInstance();
        registry.removeThreadLocalAccessor(SecurityContext.class);
        registry.removeThreadLocalAccessor(ServerWebExchange.class);
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            BearerAuthentication bearer,
            SecurityAudit audit,
            @Value("${openchance.rate-limit.requests-per-second:50}") long perSecond,
            @Value("${openchance.rate-limit.burst:100}") long burst)
            throws Exception {
        AuthenticationEntryPoint unauthorized = unauthorized(audit);
        // counted once the caller is known; not a bean, so that it runs only here, not also as a servlet filter
        http.addFilterAfter(new RequestRateLimit(perSecond, burst), BearerTokenAuthenticationFilter.class);
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                // Stateless: no session management filter on every request. (The servlet API's user stays: the
                // health endpoint asks request.isUserInRole whether to show its components.)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/actuator/health")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.POST, "/auth/login", "/auth/refresh", "/auth/logout", "/auth/accept")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/graphiql", "/graphiql/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        // the web app's files and the ways to sign in; its data needs a token like any client's
                        .requestMatchers(HttpMethod.GET, "/", "/app", "/app/**", "/_static/**", "/auth/providers")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resource -> resource.authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized));
        return http.build();
    }

    /** Spring Security's bearer answer (status and WWW-Authenticate), with a JSON body saying what to do. */
    private static AuthenticationEntryPoint unauthorized(SecurityAudit audit) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        bearer.setRealmName("openchance");
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            boolean tokenSent = request.getHeader("Authorization") != null;
            if (tokenSent) {
                audit.refusedToken(request, failure.getMessage());
            }
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String message = tokenSent
                    ? "The token was refused: " + failure.getMessage()
                    : "Sign in first: POST /auth/login, then send Authorization: Bearer <accessToken> (or an API key)";
            response.getWriter()
                    .write(JsonMapper.shared()
                            .writeValueAsString(java.util.Map.of("error", "UNAUTHENTICATED", "message", message)));
        };
    }

    /**
     * No Micrometer observation around each of the security filters of every request (a dozen per request, each with
     * a long-task timer): like GraphQL's per-field observations, they cost more than the requests they measure. HTTP
     * request metrics (http.server.requests) stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's delegating encoder: bcrypt for new hashes, and it reads any format it knows. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** None: sign-in is ours (/auth/login); this keeps Spring Boot from making a default user with a password. */
    @Bean
    UserDetailsService noUserDetails() {
        return username -> {
            throw new org.springframework.security.core.userdetails.UsernameNotFoundException(username);
        };
    }
}

package org.openchance.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openchance.store.user.UserRow;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in with a built-in account. {@code POST /auth/login} {@code { "email", "password" }} answers
 * {@code { "accessToken", "refreshToken", "expiresIn", "tokenType" }}; {@code /auth/refresh} {@code { "refreshToken" }}
 * answers a new pair; {@code /auth/logout} {@code { "refreshToken" }} ends the sign-in; {@code /auth/accept}
 * {@code { "token", "password" }} sets a password with a one-time link (invitation or reset) and signs in.
 */
@RestController
class AuthController {

    record LoginRequest(String email, String password) {}

    record RefreshRequest(String refreshToken) {}

    record AcceptRequest(String token, String password) {}

    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final SecurityAudit audit;

    AuthController(Sessions sessions, LoginThrottle throttle, SecurityAudit audit) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
    }

    @PostMapping("/auth/login")
    ResponseEntity<?> login(@RequestBody(required = false) LoginRequest body, HttpServletRequest request) {
        if (body == null
                || blank(body.email())
                || blank(body.password())
                || body.password().length() > 1000) {
            return error(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "send { \"email\": ..., \"password\": ... }");
        }
        String address = request.getRemoteAddr();
        Duration wait = throttle.waitFor(body.email(), address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            audit.loginFailed(null, address, body.email(), "throttled");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(Map.of(
                            "error",
                            "TOO_MANY_ATTEMPTS",
                            "message",
                            "too many failed sign-ins: try again in " + seconds + " s",
                            "retryAfterSeconds",
                            seconds));
        }
        Optional<UserRow> user = sessions.check(body.email(), body.password());
        if (user.isEmpty()) {
            throttle.failed(body.email(), address);
            audit.loginFailed(null, address, body.email(), "wrong e-mail or password");
            return error(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "wrong e-mail or password");
        }
        throttle.succeeded(body.email());
        audit.loginSucceeded(user.get().id(), address);
        return ResponseEntity.ok(sessions.start(user.get().id()));
    }

    @PostMapping("/auth/refresh")
    ResponseEntity<?> refresh(@RequestBody(required = false) RefreshRequest body) {
        if (body == null || blank(body.refreshToken())) {
            return error(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "send { \"refreshToken\": ... }");
        }
        try {
            return ResponseEntity.ok(sessions.refresh(body.refreshToken()));
        } catch (Sessions.RefreshRefused e) {
            return error(HttpStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN", e.getMessage());
        }
    }

    @PostMapping("/auth/logout")
    ResponseEntity<?> logout(@RequestBody(required = false) RefreshRequest body) {
        if (body == null || blank(body.refreshToken())) {
            return error(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "send { \"refreshToken\": ... }");
        }
        sessions.logout(body.refreshToken()); // an unknown token is signed out already: same answer
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/auth/accept")
    ResponseEntity<?> accept(@RequestBody(required = false) AcceptRequest body) {
        if (body == null || blank(body.token()) || body.password() == null) {
            return error(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "send { \"token\": ..., \"password\": ... }");
        }
        Optional<String> weak = Passwords.problem(body.password());
        if (weak.isPresent()) {
            return error(HttpStatus.BAD_REQUEST, "VALIDATION", "password " + weak.get());
        }
        return sessions.accept(body.token(), body.password())
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> error(HttpStatus.UNAUTHORIZED, "INVALID_LINK", "unknown, used or expired link"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", code, "message", message));
    }
}

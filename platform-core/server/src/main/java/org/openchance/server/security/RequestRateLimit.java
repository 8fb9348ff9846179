package org.openchance.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token bucket per caller (an API key on its own, else the signed-in user): {@code
 * openchance.rate-limit.requests-per-second} (50) requests a second on average, up to {@code burst} (100) at once;
 * beyond that HTTP 429 with {@code Retry-After} and the GraphQL error code THROTTLED, so that one noisy client cannot
 * take the server from everyone else. 0 switches it off. Requests without a caller (sign-in, the web app's files)
 * are not counted here (sign-in has its own back-off). Kept in memory per server.
 */
class RequestRateLimit extends OncePerRequestFilter {

    private final long perSecond;
    private final long burst;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    RequestRateLimit(long perSecond, long burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(burst, perSecond);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = perSecond > 0 ? callerKey() : null;
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        Bucket bucket = buckets.get(caller, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(seconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write(JsonMapper.shared()
                        .writeValueAsString(Map.of(
                                "errors",
                                List.of(Map.of(
                                        "message",
                                        "Too many requests: at most " + perSecond + " a second (" + burst
                                                + " at once); try again in " + seconds + " s",
                                        "extensions",
                                        Map.of("code", "THROTTLED", "retryAfterSeconds", seconds))))));
    }

    /** The caller's bucket: the API key's when the request came with one, else the user's; null without a caller. */
    private static String callerKey() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof CallerAuthentication signedIn)) {
            return null;
        }
        Caller caller = signedIn.caller();
        return caller.apiKeyId() != null ? "key:" + caller.apiKeyId() : "user:" + caller.userId();
    }
}

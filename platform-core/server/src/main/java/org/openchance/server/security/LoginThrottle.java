package org.openchance.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Backs off failed sign-ins, per account and per client address: after 5 failures of an account (20 of an address,
 * which may be a whole office behind one NAT), each further attempt waits twice as long as the one before, from one
 * second up to 15 minutes; a successful sign-in clears the account's count. Kept in memory per server.
 */
@Component
class LoginThrottle {

    static final int ACCOUNT_FREE_FAILURES = 5;
    static final int ADDRESS_FREE_FAILURES = 20;
    private static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private static final class Failures {
        int count;
        Instant blockedUntil = Instant.EPOCH;
    }

    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    /** How long the caller must still wait before trying again; zero when they may try now. */
    Duration waitFor(String email, String address) {
        Instant now = Instant.now();
        Duration wait = Duration.ZERO;
        for (String key : keys(email, address)) {
            Failures f = failures.getIfPresent(key);
            if (f != null) {
                synchronized (f) {
                    if (f.blockedUntil.isAfter(now)) {
                        Duration left = Duration.between(now, f.blockedUntil);
                        wait = left.compareTo(wait) > 0 ? left : wait;
                    }
                }
            }
        }
        return wait;
    }

    void failed(String email, String address) {
        String[] keys = keys(email, address);
        count(keys[0], ACCOUNT_FREE_FAILURES);
        count(keys[1], ADDRESS_FREE_FAILURES);
    }

    void succeeded(String email) {
        failures.invalidate(accountKey(email));
    }

    private void count(String key, int free) {
        Failures f = failures.get(key, k -> new Failures());
        synchronized (f) {
            f.count++;
            if (f.count >= free) {
                long seconds = 1L << Math.min(20, f.count - free);
                Duration wait = Duration.ofSeconds(seconds);
                f.blockedUntil = Instant.now().plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
            }
        }
    }

    private static String[] keys(String email, String address) {
        return new String[] {accountKey(email), "address:" + address};
    }

    private static String accountKey(String email) {
        return "account:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }
}

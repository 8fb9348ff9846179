package org.openchance.server.security;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openchance.store.security.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes security events to the audit log: sign-ins and failed ones, refused tokens, permission denials. Written by
 * one background thread through a bounded queue, so that a request with a bad token costs no statement of its own and
 * a flood of them cannot fill the database: past 10,000 waiting entries, entries are dropped and counted (and the
 * count logged).
 */
@Component
public class SecurityAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityAudit.class);

    private final AuditLog log;
    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000),
            r -> {
                Thread t = new Thread(r, "openchance-audit");
                t.setDaemon(true);
                return t;
            },
            (r, executor) -> dropped.incrementAndGet());

    SecurityAudit(AuditLog log) {
        this.log = log;
    }

    public void loginFailed(UUID user, String address, String email, String reason) {
        write(new AuditLog.Entry(
                user, null, address, "login", "User", user, "FAILED", json(Map.of("email", email, "reason", reason))));
    }

    public void loginSucceeded(UUID user, String address) {
        write(new AuditLog.Entry(user, null, address, "login", "User", user, "OK", null));
    }

    void refusedToken(HttpServletRequest request, String reason) {
        write(new AuditLog.Entry(
                null,
                null,
                request.getRemoteAddr(),
                "token",
                null,
                null,
                "DENIED",
                json(Map.of("path", request.getRequestURI(), "reason", String.valueOf(reason)))));
    }

    /** An operation the caller's roles or scopes do not allow, or a record they may not change. */
    public void denied(Caller caller, String operation, String reason) {
        write(new AuditLog.Entry(
                caller == null ? null : caller.userId(),
                caller == null ? null : caller.apiKeyId(),
                null,
                operation,
                null,
                null,
                "DENIED",
                json(Map.of("reason", reason))));
    }

    /** Appends now, in the caller's transaction (mutations: the entry commits or rolls back with the change). */
    public void appendNow(AuditLog.Entry entry) {
        log.append(entry);
    }

    private void write(AuditLog.Entry entry) {
        writer.execute(() -> {
            try {
                log.append(entry);
            } catch (RuntimeException e) {
                LOG.warn("Audit entry not written ({}): {}", entry.operation(), e.getMessage());
            }
        });
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("{} audit entries dropped: more than 10,000 were waiting (a flood of refused requests?)", lost);
        }
    }

    /** Waits until what was queued is written (tests, shutdown). */
    public void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((writer.getQueue().size() > 0 || writer.getActiveCount() > 0) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static String json(Map<String, ?> detail) {
        return JsonMapper.shared().writeValueAsString(detail);
    }
}

package org.openchance.server.security;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openchance.server.graphql.RecordChanges;
import org.openchance.server.graphql.RecordIds;
import org.openchance.server.graphql.UserError;
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

    /**
     * A mutation that ran: who, from where, which operation on which record, the input (secrets left out), the
     * record's fields that changed, old and new (when it existed {@code before}), and the outcome (FAILED with the
     * user errors' codes). Written at once, after the mutation's own transaction.
     */
    void mutation(
            Caller caller,
            String address,
            String operation,
            Map<String, Object> arguments,
            Object before,
            Object payload) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("input", redacted(arguments.get("input") == null ? arguments : arguments.get("input")));
        List<String> codes = errorCodes(payload);
        if (!codes.isEmpty()) {
            detail.put("errors", codes);
        }
        Record record = recordOf(payload);
        List<RecordChanges.Change> changes = RecordChanges.between(before, record);
        if (!changes.isEmpty()) {
            detail.put("changes", changes);
        }
        AuditLog.Entry entry = new AuditLog.Entry(
                caller == null ? null : caller.userId(),
                caller == null ? null : caller.apiKeyId(),
                address,
                operation,
                record == null ? null : record.getClass().getSimpleName().replaceFirst("Row$", ""),
                record == null ? null : RecordIds.of(record).orElse(null),
                codes.isEmpty() ? "OK" : "FAILED",
                json(detail));
        try {
            log.append(entry);
        } catch (RuntimeException e) {
            // The mutation has happened: its answer must not turn into an error. Keep the entry, without the input.
            LOG.error("Audit entry of {} written without its input: {}", operation, e.getMessage());
            log.append(new AuditLog.Entry(
                    entry.actorId(),
                    entry.apiKeyId(),
                    address,
                    operation,
                    entry.recordType(),
                    entry.recordId(),
                    entry.outcome(),
                    json(Map.of("note", "input not recorded: " + e.getClass().getSimpleName()))));
        }
    }

    /** The input without what must never be stored: passwords, secrets, tokens. */
    @SuppressWarnings("unchecked")
    private static Object redacted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map)
                    .forEach((k, v) -> copy.put(k, SECRET.matcher(k).find() ? "(left out)" : redacted(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SecurityAudit::redacted).toList();
        }
        // As text: a number beyond what jsonb holds (1e1000000 is a valid Decimal input) must not fail the entry.
        return value instanceof Number n ? n.toString() : value;
    }

    private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile("(?i)password|secret|token");

    /** The codes of a payload's user errors (its {@code errors} component). */
    private static List<String> errorCodes(Object payload) {
        // a plugin's payload is a map (its user errors maps with a code); its failure a result with field errors
        if (payload instanceof Map<?, ?> map && map.get("errors") instanceof List<?> errors) {
            return errors.stream()
                    .map(e -> e instanceof Map<?, ?> error ? String.valueOf(error.get("code")) : String.valueOf(e))
                    .toList();
        }
        if (payload instanceof graphql.execution.DataFetcherResult<?> result && result.hasErrors()) {
            return result.getErrors().stream()
                    .map(e -> String.valueOf(
                            e.getExtensions() == null
                                    ? "ERROR"
                                    : e.getExtensions().getOrDefault("code", "ERROR")))
                    .toList();
        }
        if (payload instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getName().equals("errors") && RecordIds.component(r, c) instanceof List<?> errors) {
                    return errors.stream()
                            .map(e -> e instanceof UserError u ? u.code() : String.valueOf(e))
                            .toList();
                }
            }
        }
        return List.of();
    }

    /** The record a payload carries: its first component that is a row with a UUID id. */
    private static Record recordOf(Object payload) {
        if (payload instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (RecordIds.component(r, c) instanceof Record inner
                        && RecordIds.of(inner).isPresent()) {
                    return inner;
                }
            }
        }
        return null;
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

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static String json(Map<String, ?> detail) {
        return JsonMapper.shared().writeValueAsString(detail);
    }
}

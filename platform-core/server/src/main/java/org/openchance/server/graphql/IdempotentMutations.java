package org.openchance.server.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.openchance.server.security.Caller;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.RequestStatementTimeouts;
import org.openchance.store.request.IdempotencyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mutation request with an {@code Idempotency-Key} header (1 to 255 characters) runs once per key, user and
 * credential (a session, or each API key on its own): the first claims the key, and its answer (errors included) is
 * kept for {@code openchance.idempotency.keep} (24 hours); the same request again gets that answer (with the header
 * {@code Idempotent-Replayed: true}), one sent while the first still runs waits for it (up to {@code
 * openchance.idempotency.wait}, 30 s; then IDEMPOTENCY_IN_PROGRESS), and another request under the same key is
 * refused (IDEMPOTENCY_MISMATCH). Only a request that changed nothing (no data: refused before it ran, or every
 * mutation of it failed and rolled back) gives its key back, so that a retry runs. A claim left without an answer for
 * five minutes (its server died) is free again. Queries, and requests without a signed-in caller, ignore the header.
 */
@Component
// after the size limit (first): what it refuses never claims a key; before RequestErrorCodes (last), so that an
// answer it keeps has the codes
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class IdempotentMutations implements WebGraphQlInterceptor {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentMutations.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final long POLL_MILLIS = 50;
    private static final Duration ABANDONED = Duration.ofMinutes(5);
    /** Answers above this are not kept (a replay says so); the mutation still ran once. */
    private static final int MAX_KEPT_CHARACTERS = 256 * 1024;

    private final IdempotencyKeys keys;
    private final CurrentUser currentUser;
    private final Duration keep;
    private final Duration wait;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.EPOCH);

    IdempotentMutations(
            IdempotencyKeys keys,
            CurrentUser currentUser,
            @Value("${openchance.idempotency.keep:PT24H}") Duration keep,
            @Value("${openchance.idempotency.wait:PT30S}") Duration wait) {
        this.keys = keys;
        this.currentUser = currentUser;
        this.keep = keep;
        this.wait = wait;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String key = request.getHeaders().getFirst(HEADER);
        Optional<Caller> caller = currentUser.caller();
        if (key == null || caller.isEmpty() || !isMutation(request)) {
            return chain.next(request); // not signed in: the operation's policy answers
        }
        if (key.isBlank() || key.length() > 255) {
            return refused(request, "VALIDATION", HEADER + " must be 1 to 255 characters");
        }
        purgeNowAndThen();
        IdempotencyKeys.Owner owner = new IdempotencyKeys.Owner(
                caller.get().userId(),
                caller.get().apiKeyId() == null
                        ? IdempotencyKeys.SESSION
                        : caller.get().apiKeyId());
        String hash = hash(request);
        UUID claimId = UUID.randomUUID();
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            Instant now = Instant.now();
            if (RequestStatementTimeouts.unbounded(
                    () -> keys.claim(owner, key, hash, claimId, now.minus(keep), now.minus(ABANDONED)))) {
                return run(request, chain, owner, key, claimId);
            }
            Optional<IdempotencyKeys.Claim> held;
            // the first is still running: look (without locking its row) until it answers or gives the key back
            // the wait (up to 30 s) is not the request's own work: its lookups are not held to the request's time
            while ((held = RequestStatementTimeouts.unbounded(() -> keys.find(
                            owner, key, Instant.now().minus(keep), Instant.now().minus(ABANDONED))))
                    .isPresent()) {
                IdempotencyKeys.Claim claim = held.get();
                if (!claim.requestHash().equals(hash)) {
                    return refused(
                            request,
                            "IDEMPOTENCY_MISMATCH",
                            "this " + HEADER + " was used for another request; use a new key for a new request");
                }
                if (claim.response() != null) {
                    return Mono.just(replay(request, claim.response()));
                }
                if (Instant.now().isAfter(deadline)) {
                    return refused(
                            request,
                            "IDEMPOTENCY_IN_PROGRESS",
                            "a request with this " + HEADER + " is still running; send it again later");
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return refused(request, "IDEMPOTENCY_IN_PROGRESS", "interrupted while waiting for the first");
                }
            }
            // given back (or gone): claim it again
        }
    }

    /** Runs the request that claimed the key and keeps its answer, or gives the key back if it changed nothing. */
    private Mono<WebGraphQlResponse> run(
            WebGraphQlRequest request, Chain chain, IdempotencyKeys.Owner owner, String key, UUID claimId) {
        return chain.next(request)
                .doOnNext(response -> {
                    try {
                        // kept even when the request's time is up: a mutation that ran must not run twice
                        RequestStatementTimeouts.unbounded(() -> {
                            if (changedNothing(response)) {
                                keys.release(owner, key, claimId);
                            } else {
                                String answer = JSON.writeValueAsString(response.toMap());
                                keys.complete(
                                        owner,
                                        key,
                                        claimId,
                                        answer.length() <= MAX_KEPT_CHARACTERS ? answer : TOO_LARGE);
                            }
                            return null;
                        });
                    } catch (RuntimeException e) {
                        // the mutation ran: the key stays claimed (a retry waits, then finds the claim abandoned)
                        LOG.warn("The answer under an {} was not kept: {}", HEADER, e.getMessage(), e);
                    }
                })
                .doOnError(e -> RequestStatementTimeouts.unbounded(() -> {
                    keys.release(owner, key, claimId); // no answer at all: nothing was executed
                    return null;
                }));
    }

    private static final String TOO_LARGE = JSON.writeValueAsString(Map.of(
            "errors",
            List.of(Map.of(
                    "message",
                    "the request ran, but its answer was too large to keep for a replay",
                    "extensions",
                    Map.of("code", "IDEMPOTENCY_ANSWER_NOT_KEPT")))));

    /** No data, or no mutation of the request answered anything: refused before it ran, or rolled back. */
    static boolean changedNothing(WebGraphQlResponse response) {
        if (!response.isValid() || !(response.getData() instanceof Map<?, ?> data)) {
            return true;
        }
        return data.values().stream().allMatch(java.util.Objects::isNull);
    }

    @SuppressWarnings("unchecked")
    private static WebGraphQlResponse replay(WebGraphQlRequest request, String stored) {
        Map<String, Object> answer = JSON.readValue(stored, Map.class);
        ExecutionResult.Builder<?> result = ExecutionResult.newExecutionResult().data(answer.get("data"));
        if (answer.get("errors") instanceof List<?> errors) {
            List<GraphQLError> replayed = new ArrayList<>();
            errors.forEach(e -> replayed.add(GraphQLError.fromSpecification((Map<String, Object>) e)));
            result.errors(replayed);
        }
        if (answer.get("extensions") instanceof Map<?, ?> extensions) {
            result.extensions(new LinkedHashMap<>(extensions));
        }
        WebGraphQlResponse response =
                new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result.build()));
        response.getResponseHeaders().add(REPLAYED, "true");
        return response;
    }

    private static Mono<WebGraphQlResponse> refused(WebGraphQlRequest request, String code, String message) {
        ExecutionResult refused = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message(message)
                        .extensions(Map.of("code", code))
                        .build())
                .build();
        return Mono.just(
                new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
    }

    /**
     * Whether the operation the request runs is a mutation (a blank operation name means the only one, as the engine
     * reads it); a document that does not parse is the engine's to answer.
     */
    static boolean isMutation(WebGraphQlRequest request) {
        Document document;
        try {
            document = Parser.parse(request.getDocument());
        } catch (InvalidSyntaxException e) {
            return false;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        String name = operationName(request);
        if (name == null) {
            return operations.size() == 1 && operations.get(0).getOperation() == OperationDefinition.Operation.MUTATION;
        }
        return operations.stream()
                .anyMatch(o -> name.equals(o.getName()) && o.getOperation() == OperationDefinition.Operation.MUTATION);
    }

    private static String operationName(WebGraphQlRequest request) {
        String name = request.getOperationName();
        return name == null || name.isBlank() ? null : name;
    }

    /** The request as the caller sent it: document, operation and variables (maps with sorted keys). */
    static String hash(WebGraphQlRequest request) {
        String variables = JSON.writeValueAsString(sorted(request.getVariables()));
        String text = request.getDocument() + '\u0000' + operationName(request) + '\u0000' + variables;
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), sorted(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(sorted(v)));
            return copy;
        }
        return value;
    }

    /** Keys past their time are removed at most once an hour, by whichever request comes then. */
    private void purgeNowAndThen() {
        Instant now = Instant.now();
        Instant due = nextPurge.get();
        if (now.isAfter(due) && nextPurge.compareAndSet(due, now.plus(Duration.ofHours(1)))) {
            try {
                keys.purge(now.minus(keep));
            } catch (RuntimeException e) {
                LOG.warn("Old idempotency keys were not removed: {}", e.getMessage());
                nextPurge.set(now); // the next request tries again
            }
        }
    }
}

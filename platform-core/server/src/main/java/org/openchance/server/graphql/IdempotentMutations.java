package org.openchance.server.graphql;

import graphql.ExecutionResult;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.request.IdempotencyKeys;
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
 * A mutation request with an {@code Idempotency-Key} header (1 to 255 characters) runs once per caller and key: the
 * first claims the key, and its answer is kept for {@code openchance.idempotency.keep} (24 hours); the same request
 * again gets that answer (with the header {@code Idempotent-Replayed: true}), one sent while the first still runs waits
 * for it (up to {@code openchance.idempotency.wait}, 30 s; then IDEMPOTENCY_IN_PROGRESS), and another request under
 * the same key is refused (IDEMPOTENCY_MISMATCH). An answer with errors outside its payloads (a timeout, an internal
 * error) is not kept: the key is given back, so that a retry runs. Queries ignore the header.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after the size limit: what it refuses never claims a key
class IdempotentMutations implements WebGraphQlInterceptor {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration POLL = Duration.ofMillis(50);

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
        Optional<UUID> user = currentUser.id();
        if (key == null || user.isEmpty() || !isMutation(request)) {
            return chain.next(request); // not signed in: the operation's policy answers
        }
        if (key.isBlank() || key.length() > 255) {
            return refused(request, "VALIDATION", HEADER + " must be 1 to 255 characters");
        }
        purgeNowAndThen();
        String hash = hash(request);
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            Optional<IdempotencyKeys.Claim> found =
                    keys.claim(user.get(), key, hash, Instant.now().minus(keep));
            if (found.isEmpty()) {
                return run(request, chain, user.get(), key);
            }
            IdempotencyKeys.Claim claim = found.get();
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
                // the first is still running (or gave the key back: then this one claims it)
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refused(request, "IDEMPOTENCY_IN_PROGRESS", "interrupted while waiting for the first request");
            }
        }
    }

    /** Runs the request that claimed the key and keeps its answer, or gives the key back. */
    private Mono<WebGraphQlResponse> run(WebGraphQlRequest request, Chain chain, UUID user, String key) {
        return chain.next(request)
                .doOnNext(response -> {
                    if (response.isValid() && response.getErrors().isEmpty()) {
                        keys.complete(user, key, JSON.writeValueAsString(response.toMap()));
                    } else {
                        keys.release(user, key);
                    }
                })
                .doOnError(e -> keys.release(user, key))
                .doOnCancel(() -> keys.release(user, key));
    }

    private static WebGraphQlResponse replay(WebGraphQlRequest request, String stored) {
        Map<?, ?> answer = JSON.readValue(stored, Map.class);
        ExecutionResult.Builder<?> result = ExecutionResult.newExecutionResult().data(answer.get("data"));
        if (answer.get("extensions") instanceof Map<?, ?> extensions) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>(extensions);
            result.extensions(copy);
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

    /** Whether the operation the request runs is a mutation; a document that does not parse is the engine's to answer. */
    static boolean isMutation(WebGraphQlRequest request) {
        Document document;
        try {
            document = Parser.parse(request.getDocument());
        } catch (InvalidSyntaxException e) {
            return false;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        String name = request.getOperationName();
        for (OperationDefinition operation : operations) {
            if (name == null ? operations.size() == 1 : name.equals(operation.getName())) {
                return operation.getOperation() == OperationDefinition.Operation.MUTATION;
            }
        }
        return false;
    }

    /** The request as the caller sent it: document, operation and variables (maps with sorted keys). */
    static String hash(WebGraphQlRequest request) {
        String variables = JSON.writeValueAsString(sorted(request.getVariables()));
        String text = request.getDocument() + '\u0000' + request.getOperationName() + '\u0000' + variables;
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
            keys.purge(now.minus(keep));
        }
    }
}

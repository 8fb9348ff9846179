package org.openchance.server.security;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.graphql.Validation;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.security.CredentialStore;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** API keys through GraphQL: made by a signed-in person (a key cannot make keys), listed without secrets, revoked. */
@Controller
class ApiKeyController {

    record CreateApiKeyInput(String name, List<ApiScope> scopes, OffsetDateTime expiresAt) {}

    record CreateApiKeyPayload(CredentialStore.ApiKey apiKey, String secret, List<UserError> errors) {}

    record RevokeApiKeyInput(String id) {}

    record RevokeApiKeyPayload(CredentialStore.ApiKey apiKey, List<UserError> errors) {}

    private static final Duration LONGEST = Duration.ofDays(731);

    private final ApiKeys keys;
    private final CredentialStore store;
    private final CurrentUser currentUser;
    private final UserRepository users;

    ApiKeyController(ApiKeys keys, CredentialStore store, CurrentUser currentUser, UserRepository users) {
        this.keys = keys;
        this.store = store;
        this.currentUser = currentUser;
        this.users = users;
    }

    @QueryMapping
    List<CredentialStore.ApiKey> apiKeys(@Argument Boolean all) {
        Caller caller = currentUser.caller().orElseThrow();
        if (Boolean.TRUE.equals(all)) {
            if (!caller.isAdmin()) {
                throw new OperationDeniedException("apiKeys(all: true) is for admins");
            }
            return store.apiKeys(null);
        }
        return store.apiKeys(caller.userId());
    }

    @MutationMapping
    CreateApiKeyPayload createApiKey(@Argument CreateApiKeyInput input) {
        Caller caller = currentUser.caller().orElseThrow();
        return Mutations.run(
                () -> {
                    Validation v = new Validation().text(input.name(), "input.name", true, 100);
                    v.check(caller.apiKeyId() == null, "input", "API keys are made by people, not by API keys");
                    v.check(input.scopes() != null && !input.scopes().isEmpty(), "input.scopes", "needs a scope");
                    v.check(
                            input.scopes() == null || !input.scopes().contains(ApiScope.ADMIN) || caller.isAdmin(),
                            "input.scopes",
                            "ADMIN needs a user with the ADMIN role");
                    Instant expires =
                            input.expiresAt() == null ? null : input.expiresAt().toInstant();
                    v.check(
                            expires == null
                                    || (expires.isAfter(Instant.now())
                                            && expires.isBefore(Instant.now().plus(LONGEST))),
                            "input.expiresAt",
                            "must be in the future and at most two years ahead");
                    v.orThrow();
                    List<String> scopes =
                            input.scopes().stream().distinct().map(Enum::name).toList();
                    return keys.create(caller.userId(), input.name().trim(), scopes, expires);
                },
                (created, errors) -> created == null
                        ? new CreateApiKeyPayload(null, null, errors)
                        : new CreateApiKeyPayload(created.key(), created.secret(), errors));
    }

    @MutationMapping
    RevokeApiKeyPayload revokeApiKey(@Argument RevokeApiKeyInput input) {
        Caller caller = currentUser.caller().orElseThrow();
        return Mutations.run(
                () -> {
                    CredentialStore.ApiKey key = uuid(input.id())
                            .flatMap(store::apiKey)
                            .filter(k -> k.userId().equals(caller.userId()) || caller.isAdmin())
                            .orElseThrow(() -> new UserErrorException(UserError.notFound("input.id", "API key")));
                    keys.revoke(key.id());
                    return store.apiKey(key.id()).orElseThrow();
                },
                RevokeApiKeyPayload::new);
    }

    @SchemaMapping(typeName = "ApiKey", field = "id")
    String id(CredentialStore.ApiKey key) {
        return key.id().toString();
    }

    @SchemaMapping(typeName = "ApiKey", field = "createdAt")
    OffsetDateTime createdAt(CredentialStore.ApiKey key) {
        return DateTimes.utc(key.createdAt());
    }

    @SchemaMapping(typeName = "ApiKey", field = "expiresAt")
    OffsetDateTime expiresAt(CredentialStore.ApiKey key) {
        return DateTimes.utc(key.expiresAt());
    }

    @SchemaMapping(typeName = "ApiKey", field = "lastUsedAt")
    OffsetDateTime lastUsedAt(CredentialStore.ApiKey key) {
        return DateTimes.utc(key.lastUsedAt());
    }

    @SchemaMapping(typeName = "ApiKey", field = "revokedAt")
    OffsetDateTime revokedAt(CredentialStore.ApiKey key) {
        return DateTimes.utc(key.revokedAt());
    }

    @BatchMapping(typeName = "ApiKey", field = "user")
    Map<CredentialStore.ApiKey, UserRow> user(List<CredentialStore.ApiKey> list) {
        return Batches.byKey(list, CredentialStore.ApiKey::userId, users::findByIdIn, UserRow::id);
    }

    private static java.util.Optional<UUID> uuid(String s) {
        try {
            return java.util.Optional.of(UUID.fromString(s));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}

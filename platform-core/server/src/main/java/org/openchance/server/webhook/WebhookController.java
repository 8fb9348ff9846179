package org.openchance.server.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.PageSize;
import org.openchance.server.graphql.UserError;
import org.openchance.store.webhook.WebhookStore;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class WebhookController {

    record WebhookPayload(WebhookStore.Webhook webhook, String secret, List<UserError> errors) {}

    private final WebhookService service;

    WebhookController(WebhookService service) {
        this.service = service;
    }

    @QueryMapping
    List<WebhookStore.Webhook> webhooks() {
        return service.all();
    }

    @MutationMapping
    WebhookPayload createWebhook(@Argument WebhookService.CreateWebhookInput input) {
        return Mutations.run(
                () -> service.create(input),
                (created, errors) -> new WebhookPayload(
                        created == null ? null : created.webhook(), created == null ? null : created.secret(), errors));
    }

    @MutationMapping
    WebhookPayload deleteWebhook(@Argument WebhookService.DeleteWebhookInput input) {
        return Mutations.run(
                () -> service.delete(input),
                (deleted, errors) -> new WebhookPayload(deleted == null ? null : deleted.webhook(), null, errors));
    }

    @SchemaMapping(typeName = "Webhook", field = "id")
    String id(WebhookStore.Webhook webhook) {
        return GlobalId.of(WebhookService.TYPE, webhook.id());
    }

    @SchemaMapping(typeName = "Webhook", field = "createdAt")
    OffsetDateTime createdAt(WebhookStore.Webhook webhook) {
        return DateTimes.utc(webhook.createdAt());
    }

    /** The latest attempts first. */
    @SchemaMapping(typeName = "Webhook", field = "deliveries")
    List<WebhookStore.Delivery> deliveries(WebhookStore.Webhook webhook, @Argument Integer first) {
        return service.deliveries(webhook.id(), PageSize.of(first));
    }

    @SchemaMapping(typeName = "WebhookDelivery", field = "attemptedAt")
    OffsetDateTime attemptedAt(WebhookStore.Delivery delivery) {
        return DateTimes.utc(delivery.attemptedAt());
    }
}

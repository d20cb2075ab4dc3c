package io.shoperp.ingest;

import java.time.Instant;

/**
 * One authenticated Shopify delivery as the inbox stores it. The payload stays the raw bytes Shopify signed.
 *
 * @param resourceUpdatedAt the resource's own updated_at (created_at where it has none), for per-entity order
 */
public record WebhookDelivery(
        String shopDomain,
        String topic,
        String webhookId,
        String eventId,
        Instant triggeredAt,
        String apiVersion,
        String entityKey,
        Instant resourceUpdatedAt,
        byte[] payload,
        Instant receivedAt) {

    /** The idempotent consumer's key: a webhook id is only unique within its shop. */
    public String dedupeKey() {
        return shopDomain + ":" + webhookId;
    }

    @Override
    public String toString() {
        return "WebhookDelivery[" + shopDomain + " " + topic + " " + webhookId + " " + entityKey + "]";
    }
}

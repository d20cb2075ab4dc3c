package io.shoperp.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One stored event as the processing stages see it: the delivery's facts plus its processing state.
 *
 * @param attempts how many times processing has started, this attempt included
 * @param eventId  Shopify's X-Shopify-Event-Id (one event delivered to several subscriptions shares it); null for an
 *                 event the reconciliation made
 */
public record InboxEvent(
        long id,
        String shopDomain,
        String topic,
        String webhookId,
        String entityKey,
        Instant resourceUpdatedAt,
        Instant triggeredAt,
        Instant receivedAt,
        byte[] payload,
        InboxStatus status,
        int attempts,
        Instant firstAttemptAt,
        String leaseOwner,
        String eventId) {

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** For log lines: never the payload. */
    @Override
    public String toString() {
        return "InboxEvent[" + id + " " + shopDomain + " " + topic + " " + webhookId + " " + entityKey + "]";
    }
}
